package com.dispatchconsole.ui.reports;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one home of the console's CSV files: Jackson's CSV module does the quoting (a comma, a quote or a line break
 * in a cell is quoted as RFC 4180 says); this class adds the header, the neutralising of formula-like cells, and
 * the all-or-nothing write.
 *
 * <p><b>Formula injection.</b> A spreadsheet runs a cell that begins with {@code = + - @} (or a tab or carriage
 * return) as a formula, so a rider named {@code =HYPERLINK(...)} could run something on the machine of whoever opens
 * the export. Every text cell that begins with one of those characters gets a leading apostrophe ({@code '=...}):
 * spreadsheets show it as text, and a reader of the raw file still sees the whole value after the apostrophe. Plain
 * numbers ({@code -3}, {@code -2.5}) are left alone, so a negative number stays a number.
 *
 * <p><b>All or nothing.</b> The rows go to a temporary file beside the target, which is moved over the target only
 * when every row is written; a failure (an unwritable folder, a refused read) deletes it and leaves the target as
 * it was.
 */
public final class CsvFile {

    private static final CsvMapper MAPPER = new CsvMapper();
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /** Where a writer puts its rows, one call per row, cells in the header's order. */
    public interface Sink {
        void row(List<?> cells);
    }

    /** What writes the rows: called once with the sink; may stream (rows arrive as they are read). */
    public interface Rows {
        void writeTo(Sink sink);
    }

    private CsvFile() {
    }

    /** Writes {@code header} and the rows to {@code target}, all or nothing; returns how many rows (not the header). */
    public static long write(Path target, List<String> header, Rows rows) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary;
        try {
            temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".part");
        } catch (IOException | SecurityException e) {
            throw cannotWrite(absolute, e);
        }
        try {
            long count;
            CsvSchema.Builder schema = CsvSchema.builder();
            header.forEach(schema::addColumn);
            try (BufferedWriter out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                 SequenceWriter csv = MAPPER.writerFor(Object[].class).with(schema.build().withHeader())
                         .writeValues(out)) {
                long[] written = {0};
                rows.writeTo(cells -> {
                    if (cells.size() != header.size()) {
                        throw new IllegalArgumentException("A row of " + cells.size() + " cells under a header of "
                                + header.size());
                    }
                    try {
                        csv.write(cells.stream().map(CsvFile::cell).toArray());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    written[0]++;
                });
                count = written[0];
            }
            move(temporary, absolute);
            return count;
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(temporary);
            throw cannotWrite(absolute, e instanceof UncheckedIOException u ? u.getCause() : e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /** A cell as written: empty for null, the text of anything else, neutralised when it could run as a formula. */
    static String cell(Object value) {
        return value == null ? "" : neutralise(value.toString());
    }

    /** {@code text} with an apostrophe in front when a spreadsheet would read it as a formula (see the class note). */
    public static String neutralise(String text) {
        if (text.isEmpty() || NUMBER.matcher(text).matches()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + text : text;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Best effort: a leftover ".part" file is hidden and harmless; the refusal below is what matters.
        }
    }

    static DispatchException cannotWrite(Path target, Throwable cause) {
        String why = cause == null || cause.getMessage() == null ? cause == null ? "unknown error"
                : cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + " " + cause.getMessage();
        return new DispatchException(ErrorCode.FILE_NOT_WRITTEN, "Cannot write " + target + " (" + why
                + "); nothing was written.");
    }
}
