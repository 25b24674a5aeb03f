package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.redwhistle.testing.AppProcess;
import org.redwhistle.testing.TestServices;

/**
 * An installation that still connects the application as the owner of its tables (how it was
 * before issue 16) must not start: the start-up report says which role and why, without a stack trace.
 */
class UnsafeDatabaseRoleStartupTest {

    @Test
    void theApplicationRefusesToStartAsTheOwnerOfTheAuditLog() throws Exception {
        TestServices s = TestServices.get();
        TestServices asOwner = new TestServices(s.dbUrl(), s.dbOwnerUser(), s.dbOwnerPassword(), s.dbOwnerUser(), s.dbOwnerPassword(),
                s.mqttUrl(), s.mqttUser(), s.mqttPassword(), s.demoPassword(), s.jwtSecret(), s.provisionPassword());
        Path logs = Files.createTempDirectory(Path.of("target"), "unsafe-role-");
        AppProcess app = new AppProcess(asOwner, freePort(), "unsafe-role-" + ProcessHandle.current().pid(), s.demoPassword(), logs);
        try {
            assertThatThrownBy(app::start).hasMessageContaining("the app exited");
        } finally {
            app.stop();
        }
        String log = Files.readString(logs.resolve("fault-app-1.log"));
        boolean superuser = log.contains("it is a superuser");
        assertThat(log).contains("APPLICATION FAILED TO START")
                .contains("the database role \"" + s.dbOwnerUser() + "\" that the application connects as could change the audit log: it "
                        + (superuser ? "is a superuser." : "owns audit_log; it owns audit_chain."))
                .contains("RW_DB_OWNER_USER")
                .doesNotContain("Caused by:")
                .doesNotContain("Netty started");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
