package com.dispatchconsole.ui.settings;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TitledPane;

/**
 * Finds the console's nodes by id before the window is shown: {@link javafx.scene.Scene#lookup} only sees the
 * children a control's skin has made, and skins are made at the first layout, after settings must be applied.
 */
final class Nodes {

    private Nodes() {
    }

    /** The first node with this id ("#id" or "id") under {@code root}, depth first; null when there is none. */
    static Node byId(Node root, String id) {
        String wanted = id.startsWith("#") ? id.substring(1) : id;
        for (Node node : all(root)) {
            if (wanted.equals(node.getId())) {
                return node;
            }
        }
        return null;
    }

    /** Every node under {@code root}, depth first, the items of split, scroll, tab and titled panes included. */
    static List<Node> all(Node root) {
        List<Node> found = new ArrayList<>();
        collect(root, found);
        return found;
    }

    private static void collect(Node node, List<Node> found) {
        if (node == null) {
            return;
        }
        found.add(node);
        if (node instanceof SplitPane split) {
            split.getItems().forEach(item -> collect(item, found));
        } else if (node instanceof ScrollPane scroll) {
            collect(scroll.getContent(), found);
        } else if (node instanceof TabPane tabs) {
            tabs.getTabs().stream().map(Tab::getContent).forEach(content -> collect(content, found));
        } else if (node instanceof TitledPane titled) {
            collect(titled.getContent(), found);
        } else if (node instanceof Parent parent) {
            parent.getChildrenUnmodifiable().forEach(child -> collect(child, found));
        }
    }
}
