package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Configuration read from a node names its secrets itself: their values are masked, the rest stays readable. */
class MaskerTest {

    @Test
    void masksTheValuesOfSecretNamedSettingsOnly() {
        String settings = """
                node=fra-1
                integration_api_key=9f3a61c2d4
                db.password = hunter2
                "token": "abc-123",
                PRIVATE_KEY: -----BEGIN KEY-----
                key=raw
                max_keys=5
                keyboard_layout=de
                connecting with password hunter2
                """;

        assertThat(Masker.maskSecretSettings(settings)).isEqualTo("""
                node=fra-1
                integration_api_key=****
                db.password = ****
                "token": ****
                PRIVATE_KEY: ****
                key=****
                max_keys=5
                keyboard_layout=de
                connecting with password hunter2
                """);
    }
}
