package io.upgradeorchestrator.issues;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.upgradeorchestrator.variables.Var;

/**
 * A list of issues kept in a process variable as JSON (one object per issue, {@link Issue#toMap()}), so a variable
 * stays readable whatever Java class wrote it. Keeps the latest {@link #MAX_ISSUES}: a flood of reports never
 * outgrows a variable.
 */
public final class IssueList {

    public static final int MAX_ISSUES = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, Object>>> MAPS = new TypeReference<>() { };

    private IssueList() {
    }

    /** The issues in a JSON text written by {@link #typed}; none for {@code null}. */
    public static List<Issue> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            List<Map<String, Object>> maps = JSON.readValue(json, MAPS);
            return maps == null ? List.of() : maps.stream().map(Issue::fromMap).toList();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A list of issues is not readable: " + e.getOriginalMessage(), e);
        }
    }

    /** The value to store in {@code variable}: the latest {@link #MAX_ISSUES} issues as JSON. */
    public static Object typed(Var<List<Map<String, Object>>> variable, List<Issue> issues) {
        List<Map<String, Object>> maps = new ArrayList<>();
        issues.subList(Math.max(0, issues.size() - MAX_ISSUES), issues.size()).forEach(i -> maps.add(i.toMap()));
        return variable.typed(maps);
    }
}
