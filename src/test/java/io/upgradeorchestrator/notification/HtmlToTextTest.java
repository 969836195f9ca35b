package io.upgradeorchestrator.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

    @Test
    void keepsStructureLinksAndTextButNoMarkup() {
        String html = """
                <!DOCTYPE html>
                <html><head><title>Subject</title><style>p { color: red }</style></head>
                <body>
                  <p>Hello   <b>Billing</b>
                     users &amp; friends.</p>
                  <table>
                    <tr><th>When</th><td>22:00 &ndash; 02:00</td></tr>
                    <tr><th>Contact</th><td>desk<br>phone 4711</td></tr>
                  </table>
                  <ul><li>Do not enter invoices</li><li>Save your work</li></ul>
                  <p><a href="https://x.example/task?a=1&amp;b=2">Open the task</a> or <a href="https://x.example">https://x.example</a></p>
                </body></html>
                """;

        assertThat(HtmlToText.convert(html)).isEqualTo("""
                Hello Billing users & friends.

                When: 22:00 – 02:00
                Contact: desk
                phone 4711

                - Do not enter invoices
                - Save your work

                Open the task <https://x.example/task?a=1&b=2> or https://x.example
                """);
    }
}
