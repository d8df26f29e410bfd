package com.dispatchconsole.ui.reports;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.DatePicker;
import javafx.util.converter.LocalDateStringConverter;

/**
 * A day chooser that writes and reads days as 2026-11-28, as every other date on the console's screens and in its
 * exports does (the locale's default, 11/28/2026 here, sat beside ISO dates and read 03/04 one way or the other).
 */
final class DayPicker {

    private DayPicker() {
    }

    static DatePicker create(String id, LocalDate day) {
        DatePicker picker = new DatePicker(day);
        picker.setId(id);
        picker.setConverter(new LocalDateStringConverter(DateTimeFormatter.ISO_LOCAL_DATE,
                DateTimeFormatter.ISO_LOCAL_DATE));
        picker.setPromptText("yyyy-mm-dd");
        return picker;
    }
}
