package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.Labelled;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/**
 * A table's rows exactly as it shows them: its items in their current order (filtered and sorted), its visible
 * columns in their current order, each cell's text as the column's own cell draws it (the same "12 min", "—" or
 * "Picked up" the dispatcher sees). Runs on the FX thread; the text is then written off it.
 */
public final class TableExport {

    /** The header and rows of one table. */
    public record Shown(List<String> header, List<List<String>> rows) {
    }

    private TableExport() {
    }

    public static <S> Shown shown(TableView<S> table) {
        List<TableColumn<S, ?>> columns = new ArrayList<>(table.getVisibleLeafColumns());
        List<String> header = columns.stream().map(TableColumn::getText).toList();
        List<TableCell<S, ?>> cells = new ArrayList<>();
        TableRow<S> row = new TableRow<>();
        row.updateTableView(table);
        for (TableColumn<S, ?> column : columns) {
            cells.add(cell(table, row, column));
        }
        List<List<String>> rows = new ArrayList<>(table.getItems().size());
        for (int i = 0; i < table.getItems().size(); i++) {
            row.updateIndex(i);
            List<String> texts = new ArrayList<>(columns.size());
            for (int c = 0; c < columns.size(); c++) {
                TableCell<S, ?> cell = cells.get(c);
                cell.updateIndex(-1);
                cell.updateIndex(i);
                texts.add(text(cell, columns.get(c).getCellData(i)));
            }
            rows.add(texts);
        }
        return new Shown(header, rows);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <S> TableCell<S, ?> cell(TableView<S> table, TableRow<S> row, TableColumn<S, ?> column) {
        TableCell<S, ?> cell = (TableCell<S, ?>) ((TableColumn) column).getCellFactory().call(column);
        cell.updateTableView(table);
        cell.updateTableColumn((TableColumn) column);
        cell.updateTableRow(row);
        return cell;
    }

    /** The cell's own text; a cell that draws a badge instead shows its label's text; else the value's label. */
    private static String text(TableCell<?, ?> cell, Object value) {
        if (cell.getText() != null && !cell.getText().isEmpty()) {
            return cell.getText();
        }
        if (cell.getGraphic() instanceof Labeled labeled && labeled.getText() != null) {
            return labeled.getText();
        }
        if (value == null) {
            return "";
        }
        return value instanceof Labelled labelled ? labelled.label() : value.toString();
    }
}
