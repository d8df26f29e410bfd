package com.dispatchconsole.ui.reports;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** A node's snapshot as a PNG file, written all or nothing as {@link CsvFile} writes: a temporary file, then a move. */
public final class PngFile {

    private PngFile() {
    }

    /** Snapshots {@code node} (on the FX thread, as drawn now) and writes it to {@code target}. */
    public static void write(Node node, Path target) {
        // Drawn on the background the node shows on screen: the default white would hide a dark theme's light text.
        SnapshotParameters parameters = new SnapshotParameters();
        javafx.scene.paint.Paint background = backgroundOf(node);
        if (background != null) {
            parameters.setFill(background);
        }
        WritableImage image = node.snapshot(parameters, null);
        BufferedImage pixels = SwingFXUtils.fromFXImage(image, null);
        Path absolute = target.toAbsolutePath();
        Path temporary;
        try {
            temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
        } catch (IOException | SecurityException e) {
            throw CsvFile.cannotWrite(absolute, e);
        }
        try {
            if (!ImageIO.write(pixels, "png", temporary.toFile())) {
                throw new IOException("no PNG writer");
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            CsvFile.deleteQuietly(temporary);
            throw CsvFile.cannotWrite(absolute, e);
        }
    }

    /** The first background colour behind the node (its own, else its parents'); null if none has one. */
    static javafx.scene.paint.Paint backgroundOf(javafx.scene.Node node) {
        for (javafx.scene.Node n = node; n != null; n = n.getParent()) {
            if (n instanceof javafx.scene.layout.Region region && region.getBackground() != null
                    && !region.getBackground().getFills().isEmpty()) {
                return region.getBackground().getFills().get(0).getFill();
            }
        }
        return null;
    }
}
