package com.dispatchconsole.sim;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * The photo a simulated rider takes at the door: a small generated PNG (a door, its number, a parcel), different
 * for every delivery, so the PoD viewer has a real picture to show and the database a real upload to store.
 */
final class PodPhotos {

    private PodPhotos() {
    }

    static byte[] doorstep(String address, Random random) {
        BufferedImage image = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(new Color(200 + random.nextInt(40), 190 + random.nextInt(40), 170 + random.nextInt(40)));
            g.fillRect(0, 0, 160, 120);
            g.setColor(new Color(60 + random.nextInt(120), 40 + random.nextInt(80), 30 + random.nextInt(60)));
            g.fillRect(55, 15, 50, 95);
            g.setColor(new Color(205, 170, 60));
            g.fillOval(95, 60, 6, 6);
            g.setColor(new Color(170, 120, 70));
            g.fillRect(20 + random.nextInt(20), 85, 30, 22);
            // The house number as a row of brass studs above the door: no fonts needed on a headless server.
            g.setColor(new Color(230, 200, 90));
            int studs = 1 + Math.floorMod(address.hashCode(), 5);
            for (int i = 0; i < studs; i++) {
                g.fillRect(60 + i * 9, 20, 6, 6);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
