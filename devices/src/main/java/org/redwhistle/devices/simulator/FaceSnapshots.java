package org.redwhistle.devices.simulator;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import javax.imageio.ImageIO;

/**
 * A face gate's snapshot when the simulator has no footage (no --frames): a drawn crossing scene with
 * a figure in the capture box and the device's caption, as a JPEG. With footage, face gates show
 * frames of people walking like the cameras do.
 */
final class FaceSnapshots {

    private static final DateTimeFormatter CAPTION = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private FaceSnapshots() {
    }

    static byte[] drawn(String deviceId) {
        BufferedImage img = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(70, 78, 86));
            g.fillRect(0, 0, 640, 480);
            g.setColor(new Color(110, 116, 120));
            g.fillRect(0, 330, 640, 150);
            g.setColor(new Color(230, 230, 230));
            for (int x = 20; x < 640; x += 80) {
                g.fillRect(x, 390, 50, 12);
            }
            // the passer-by
            g.setColor(new Color(225, 190, 160));
            g.fillOval(275, 120, 90, 110);
            g.setColor(new Color(40, 60, 110));
            g.fillRoundRect(245, 225, 150, 200, 40, 40);
            // the device's capture box
            g.setColor(new Color(0, 230, 120));
            g.setStroke(new BasicStroke(3));
            g.drawRect(260, 105, 120, 140);
            g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 18));
            g.setColor(Color.WHITE);
            g.drawString(deviceId + "  " + LocalDateTime.now(ZoneId.of("Asia/Shanghai")).format(CAPTION), 16, 30);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "jpg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
