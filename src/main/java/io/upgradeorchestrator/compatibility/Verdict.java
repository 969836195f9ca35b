package io.upgradeorchestrator.compatibility;

/** Compatibility of a target version, from best to worst; the overall verdict is the worst of all areas. */
public enum Verdict {
    COMPATIBLE, UNCERTAIN, INCOMPATIBLE;

    Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
