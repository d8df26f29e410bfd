package com.dispatchconsole.ui.console;

import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.rows.BatchRow;
import com.dispatchconsole.domain.rows.OutletRow;
import com.dispatchconsole.domain.rows.RiderRanking;
import com.dispatchconsole.domain.rows.RiderRow;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The riders table's own filter: free text (a name, or a phone number typed any way), "fits the selected batches",
 * and "best fit" order. The outlet is the filter bar's ({@link BatchFilter#outletProperty()}): a rider shows under
 * their home outlet; a rider with no home outlet works for any outlet and shows under every one. Whether batches
 * fit is {@link HandOver}'s rule via {@link RiderRanking}; the order is {@link RiderRanking}'s.
 *
 * <p>The three properties are the operator's choices worth keeping between starts.
 */
public final class RiderFilter {

    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty fitsSelected = new SimpleBooleanProperty();
    private final BooleanProperty bestFit = new SimpleBooleanProperty();

    /**
     * A predicate for the current state, the filter bar's outlet ({@code null} = all) and the selected batches as
     * the screen shows them; cheap enough to evaluate over thousands of riders on each change.
     */
    public Predicate<RiderRow> predicate(OutletRow outlet, List<BatchRow> selectedBatches) {
        UUID outletId = outlet == null ? null : outlet.id();
        Needle needle = Needle.of(text.get());
        boolean fits = fitsSelected.get();
        List<HandOver.Batch> batches = fits ? RiderRanking.batches(selectedBatches) : List.of();
        return rider -> (outletId == null || rider.homeOutletId() == null || outletId.equals(rider.homeOutletId()))
                && needle.matches(rider)
                && (!fits || RiderRanking.fits(rider, batches));
    }

    /**
     * What was typed: matched against the name (ignoring case), and, when it looks like a phone number (digits with
     * spaces, dashes, dots, brackets or a leading +), against the phone's digits alone. A national number with its
     * leading 0 ("0171 23") also finds the same number written internationally ("+49 171 23…").
     */
    record Needle(String lower, String digits) {

        static Needle of(String typed) {
            String lower = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
            boolean phoneLike = !lower.isEmpty() && lower.matches("[+0-9 ()./-]+") && lower.matches(".*[0-9].*");
            return new Needle(lower, phoneLike ? lower.replaceAll("[^0-9]", "") : "");
        }

        boolean matches(RiderRow rider) {
            if (lower.isEmpty()) {
                return true;
            }
            if (rider.name() != null && rider.name().toLowerCase(Locale.ROOT).contains(lower)) {
                return true;
            }
            return !digits.isEmpty() && phoneMatches(rider.phone(), digits);
        }

        static boolean phoneMatches(String phone, String digits) {
            if (phone == null) {
                return false;
            }
            String stored = phone.replaceAll("[^0-9]", "");
            if (stored.contains(digits)) {
                return true;
            }
            // "+49 171 …" / "0049 171 …" is dialled "0171 …" at home: try the national form for a country code of
            // one to three digits.
            String international = phone.strip().startsWith("+") ? stored
                    : stored.startsWith("00") ? stored.substring(2) : null;
            if (international == null || !digits.startsWith("0")) {
                return false;
            }
            for (int codeLength = 1; codeLength <= 3 && codeLength < international.length(); codeLength++) {
                if (("0" + international.substring(codeLength)).contains(digits)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Free text typed into the rider search (a name, or a phone number typed any way). */
    public StringProperty textProperty() {
        return text;
    }

    /** Whether only riders the selected batches could go to are shown. */
    public BooleanProperty fitsSelectedProperty() {
        return fitsSelected;
    }

    /** Whether the riders are in best-fit order (instead of a column's). */
    public BooleanProperty bestFitProperty() {
        return bestFit;
    }
}
