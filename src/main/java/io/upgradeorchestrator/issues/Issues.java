package io.upgradeorchestrator.issues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Service;

/** Every issue of an upgrade from every source, in the order they were found (undated ones last). */
@Service
public class Issues {

    private static final Comparator<Issue> FOUND_ORDER = Comparator
            .comparing(Issue::at, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Issue::source);

    private final List<IssueFinder> finders;

    public Issues(List<IssueFinder> finders) {
        this.finders = List.copyOf(finders);
    }

    public List<Issue> of(UpgradeFacts facts) {
        List<Issue> all = new ArrayList<>();
        for (IssueFinder finder : finders) {
            all.addAll(finder.find(facts));
        }
        all.sort(FOUND_ORDER);
        return all;
    }
}
