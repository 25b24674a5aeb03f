package org.redwhistle.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redwhistle.testing.BrowserScript;
import org.redwhistle.testing.IntegrationTest;
import org.redwhistle.testing.Residents;
import org.redwhistle.testing.SmsOutbox;

/**
 * The residents' page (/whistle.html) in a real Chromium on a 390×844 phone viewport
 * (playwright-core, dashboard-web/e2e/whistle.e2e.mjs): sign up with the code the SMS sender wrote to
 * the log (this test appends every logged message to {@link SmsOutbox#file()}, which the script
 * reads), file a request from an emulated position, see it live on the operators' case board in a
 * second browser, follow it through take, assign and report, evaluate it; and, with photos, a
 * request filed with a picture from the file input, the after picture, and a withdrawn request.
 * Screenshots land in command-api/target/screenshots.
 */
class WhistleBrowserTest extends IntegrationTest {

    private static final Path SCREENSHOTS = BrowserScript.SCREENSHOTS;

    @BeforeEach
    void listen() {
        SmsOutbox.listen();
    }

    @Test
    void aResidentSignsUpBlowsTheWhistleFromThePhoneAndEvaluatesTheRequestLive() throws Exception {
        run("blows the whistle from the phone", "whistle-e2e-1.log");
        for (String name : new String[] {"whistle-signup.png", "whistle-file.png", "whistle-filed.png", "whistle-operator-board.png",
            "whistle-handled.png", "whistle-evaluated.png", "whistle-mine.png"}) {
            File shot = SCREENSHOTS.resolve(name).toFile();
            assertThat(shot).as(name).exists();
            assertThat(shot.length()).as(name).isGreaterThan(10_000);
        }
    }

    /** Needs the photo uploads (POST /api/v1/case-photos, CaseView.photos) and withdraw (POST /api/v1/cases/{id}/withdraw). */
    @Test
    void aResidentFilesWithAPhotoSeesTheAfterPictureAndWithdrawsASecondRequest() throws Exception {
        run("with a photo from the phone", "whistle-e2e-2.log");
        for (String name : new String[] {"whistle-photo.png", "whistle-after-photo.png", "whistle-withdrawn.png"}) {
            assertThat(SCREENSHOTS.resolve(name).toFile()).as(name).exists();
        }
    }

    private void run(String testName, String logName) throws Exception {
        String output = BrowserScript.run("whistle.e2e.mjs", port, logName, Duration.ofMinutes(4), Map.of("RW_E2E_OPERATOR", "operator",
                "RW_E2E_GRID_WORKER", "grid1", "RW_E2E_PHONE", Residents.newPhone(), "RW_E2E_PHONE_2", Residents.newPhone(),
                "RW_E2E_SMS_OUTBOX", SmsOutbox.file().toString(), "RW_E2E_PHOTO", photo().toString()), "--test-name-pattern=" + testName);
        assertThat(output).as("the named browser test ran:\n" + output).contains("✔ a resident");
    }

    /** A real 640×480 JPEG of a street lamp at dusk, made here (the platform checks a photo by its bytes). */
    private static Path photo() throws Exception {
        Path file = Path.of("target", "reports", "whistle-photo.jpg").toAbsolutePath();
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new java.awt.GradientPaint(0, 0, new Color(40, 50, 90), 0, 480, new Color(200, 120, 60)));
        g.fillRect(0, 0, 640, 480);
        g.setColor(new Color(60, 60, 60));
        g.fillRect(300, 120, 16, 360);
        g.setColor(new Color(255, 230, 150));
        g.fillOval(280, 90, 56, 40);
        g.dispose();
        ImageIO.write(img, "jpg", file.toFile());
        return file;
    }
}
