package io.upgradeorchestrator.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** A real SMTP server for the tests, on the port the test profile sends to (3025). */
public final class Smtp {

    private Smtp() {
    }

    public static GreenMailExtension server() {
        return new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(true);
    }
}
