package io.upgradeorchestrator.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedOutputTest {

    @Test
    void keepsTheHeadCountsTheRestAndRemembersTheLastLine() {
        BoundedOutput output = new BoundedOutput(10);
        output.write("line one\nline two\nlast words\n");

        assertThat(output.text()).isEqualTo("line one\nl");
        assertThat(output.omittedBytes()).isEqualTo(29 - 10);
        assertThat(output.omittedLines()).isEqualTo(2);
        assertThat(output.lastLine()).isEqualTo("last words");
    }

    @Test
    void masksSecretsIncludingOneCutOffByTheBound() {
        Masker masker = Masker.of(List.of("s3cr3t-value", "tok"));

        assertThat(masker.mask("a s3cr3t-value b tok")).isEqualTo("a **** b ****");
        assertThat(masker.mask("output ends in s3cr3")).isEqualTo("output ends in ****");
        assertThat(Masker.isSecretName("PGPASSWORD")).isTrue();
        assertThat(Masker.isSecretName("api_token")).isTrue();
        assertThat(Masker.isSecretName("PATH")).isFalse();
    }
}
