package io.upgradeorchestrator.issues;

import java.util.List;

/**
 * Finds the issues of one source in an upgrade. Each source is a Spring bean in its own feature package
 * (monitoring, rollback, action runs, configuration drift…); {@link Issues} asks them all, so a new source needs
 * no change here or in the record.
 */
public interface IssueFinder {

    List<Issue> find(UpgradeFacts facts);
}
