package com.dispatchconsole.ui.console;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;

/** What a drag carries: batch ids, never rows, so the drop always asks the view model about current data. */
final class DragIds {

    static final DataFormat BATCH_IDS = new DataFormat("application/x-dispatch-batch-ids");

    private DragIds() {
    }

    static ClipboardContent content(List<UUID> ids) {
        ClipboardContent content = new ClipboardContent();
        String joined = ids.stream().map(UUID::toString).collect(Collectors.joining(","));
        content.put(BATCH_IDS, joined);
        content.putString(joined);
        return content;
    }

    static List<UUID> read(Dragboard dragboard) {
        Object value = dragboard.getContent(BATCH_IDS);
        if (!(value instanceof String text) || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(UUID::fromString).toList();
    }

    static boolean carriesBatches(Dragboard dragboard) {
        return dragboard.hasContent(BATCH_IDS);
    }
}
