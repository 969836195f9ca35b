package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProgramLaunchTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(ProgramLaunch.MECHANISM);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(ProgramLaunch.MECHANISM);
        } else {
            System.setProperty(ProgramLaunch.MECHANISM, before);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldChooseVforkOnLinuxWhenNothingWasChosen() {
        System.clearProperty(ProgramLaunch.MECHANISM);

        ProgramLaunch.preferVfork();

        assertThat(System.getProperty(ProgramLaunch.MECHANISM)).isEqualTo("VFORK");
    }

    @Test
    void shouldKeepWhatTheCommandLineChose() {
        System.setProperty(ProgramLaunch.MECHANISM, "POSIX_SPAWN");

        ProgramLaunch.preferVfork();

        assertThat(System.getProperty(ProgramLaunch.MECHANISM)).isEqualTo("POSIX_SPAWN");
    }
}
