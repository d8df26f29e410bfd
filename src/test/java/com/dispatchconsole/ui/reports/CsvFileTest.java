package com.dispatchconsole.ui.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.report.ReportRange;
import com.dispatchconsole.testing.UnitTest;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV files: quoting by Jackson, formula-like cells neutralised, all or nothing. */
@UnitTest
class CsvFileTest {

    @TempDir
    Path dir;

    /** Every row of a CSV file, header first, as a spreadsheet would split it. */
    static List<List<String>> parse(Path file) throws Exception {
        try (MappingIterator<List<String>> rows = new CsvMapper().readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    @Test
    void aCommaAQuoteAndALineBreakStayInTheirCell() throws Exception {
        Path file = dir.resolve("riders.csv");
        String awkward = "Ana \"Speedy\", Jr.\nnights";
        long count = CsvFile.write(file, List.of("Name", "Orders"), sink -> {
            sink.row(List.of(awkward, 3));
            sink.row(Arrays.asList("Ben", null));
        });
        assertThat(count).isEqualTo(2);
        assertThat(parse(file)).containsExactly(List.of("Name", "Orders"), List.of(awkward, "3"), List.of("Ben", ""));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).as("RFC 4180 quoting, quotes doubled")
                .contains("\"Ana \"\"Speedy\"\", Jr.\nnights\"");
    }

    @Test
    void formulaLikeCellsAreNeutralisedButNumbersStayNumbers() throws Exception {
        Path file = dir.resolve("x.csv");
        CsvFile.write(file, List.of("A", "B", "C", "D", "E"), sink -> sink.row(List.of("=HYPERLINK(\"http://evil\")",
                "+1 looks fine", "@SUM(A1)", "-2.5", "- dash")));
        assertThat(parse(file).get(1)).containsExactly("'=HYPERLINK(\"http://evil\")", "'+1 looks fine", "'@SUM(A1)",
                "-2.5", "'- dash");
    }

    @Test
    void anUnwritableFolderIsOneLineAndWritesNothing() {
        Path file = dir.resolve("no-such-folder").resolve("x.csv");
        assertThatThrownBy(() -> CsvFile.write(file, List.of("A"), sink -> sink.row(List.of("a"))))
                .isInstanceOfSatisfying(DispatchException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_WRITTEN);
                    assertThat(e.sentence()).contains(file.toString()).endsWith("nothing was written.")
                            .doesNotContain("\n");
                });
        assertThat(file).doesNotExist();
    }

    @Test
    void aFailureHalfwayLeavesTheOldFileAsItWasAndNoLeftovers() throws Exception {
        Path file = dir.resolve("history.csv");
        Files.writeString(file, "old contents");
        assertThatThrownBy(() -> CsvFile.write(file, List.of("A"), sink -> {
            sink.row(List.of("first"));
            throw new DispatchException(ErrorCode.DATABASE_UNAVAILABLE, "The database went away.");
        })).isInstanceOf(DispatchException.class);
        assertThat(Files.readString(file)).isEqualTo("old contents");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefused() {
        assertThatThrownBy(() -> ReportRange.days(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 9), ZoneOffset.UTC))
                .isInstanceOfSatisfying(DispatchException.class, e -> assertThat(e.sentence())
                        .isEqualTo("The range ends (2026-01-09) before it starts (2026-01-10); nothing was written."));
        assertThat(ReportRange.days(LocalDate.of(2026, 1, 10), LocalDate.of(2026, 1, 10), ZoneOffset.UTC).until())
                .as("the last day is included").hasToString("2026-01-11T00:00:00Z");
    }
}
