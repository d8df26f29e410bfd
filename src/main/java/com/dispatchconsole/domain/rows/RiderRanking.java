package com.dispatchconsole.domain.rows;

import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.GreatCircle;
import com.dispatchconsole.domain.HandOver;
import com.dispatchconsole.domain.Load;
import com.dispatchconsole.domain.RiderLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Which riders suit some batches best, for the riders table's "Best fit" order and its "fits" filter. Whether a
 * rider fits is {@link HandOver}'s rule, asked about the rows on screen (the service asks it again under the rider
 * lock); this only orders the answers: riders who fit first, then the most room left once they carry the batches
 * (in steps of a tenth, so riders with about the same room count as equal), then the nearest to the batches' outlet
 * when both positions are known (riders with a position before riders without one), then by name.
 */
public final class RiderRanking {

    /** Room left is compared in steps of this share: 0.63 and 0.68 are the same step, and the nearer rider wins. */
    static final int ROOM_STEPS = 10;

    /** A point to measure from (the batches' outlet), in degrees. */
    public record Place(double lat, double lon) {
    }

    /**
     * One rider's standing: whether the batches fit, the share of the tightest limit left once they carry them
     * (0..1), and the distance from the place in metres (NaN when either position is unknown).
     */
    public record Standing(RiderRow rider, boolean fits, double roomLeft, double metres) {

        int roomStep() {
            return (int) Math.floor(Math.max(0, roomLeft) * ROOM_STEPS + 1e-9);
        }
    }

    private static final Comparator<Standing> BEST_FIRST = Comparator
            .comparing((Standing s) -> !s.fits())
            .thenComparing(Comparator.comparingInt(Standing::roomStep).reversed())
            .thenComparing(s -> Double.isNaN(s.metres()))
            .thenComparingDouble(s -> Double.isNaN(s.metres()) ? 0 : s.metres())
            .thenComparing(s -> s.rider().name(), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(s -> s.rider().id());

    private RiderRanking() {
    }

    // ---- the rows as HandOver sees them: the one conversion the drag hint, the filter and the ranking share ------

    public static HandOver.Recipient recipient(RiderRow rider) {
        return new HandOver.Recipient(rider.id(), rider.name(), rider.availability(), rider.limits(), rider.load());
    }

    public static List<HandOver.Batch> batches(Collection<BatchRow> rows) {
        return rows.stream().map(b -> new HandOver.Batch(b.id(), b.status(), b.riderId(), b.orderCount(),
                b.totalWeightKg())).toList();
    }

    /**
     * Whether the batches could go to the rider now. With no batches: whether the rider could take one more batch
     * of a single light order (available, and below every limit), as {@link HandOver} judges that batch.
     */
    public static boolean fits(RiderRow rider, List<HandOver.Batch> batches) {
        return verdict(rider, batches).fits();
    }

    private static final List<HandOver.Batch> ONE_MORE_ORDER =
            List.of(new HandOver.Batch(null, BatchStatus.CREATED, null, 1, BigDecimal.ZERO));

    private static HandOver.Verdict verdict(RiderRow rider, List<HandOver.Batch> batches) {
        return HandOver.check(recipient(rider), batches.isEmpty() ? ONE_MORE_ORDER : batches);
    }

    /** The share of the tightest of the three limits (orders, weight, batches) still free with {@code load}. */
    static double roomLeft(RiderLimits limits, Load load) {
        return Math.max(0, 1 - limits.share(load));
    }

    /** Each rider's standing for the batches, measured from {@code from} (null when the outlet's place is unknown). */
    public static Standing standing(RiderRow rider, List<HandOver.Batch> batches, Place from) {
        HandOver.Verdict verdict = verdict(rider, batches);
        double metres = from == null || rider.position() == null ? Double.NaN
                : GreatCircle.metres(from.lat(), from.lon(), rider.position().lat(), rider.position().lon());
        return new Standing(rider, verdict.fits(),
                roomLeft(rider.limits(), batches.isEmpty() ? rider.load() : verdict.load()), metres);
    }

    /** The riders, best fit first. Cheap: one rule check and one distance per rider. */
    public static List<Standing> rank(Collection<RiderRow> riders, List<HandOver.Batch> batches, Place from) {
        List<Standing> standings = new ArrayList<>(riders.size());
        for (RiderRow rider : riders) {
            standings.add(standing(rider, batches, from));
        }
        standings.sort(BEST_FIRST);
        return standings;
    }

    /** Each rider's place (0 = best) in {@link #rank}; a snapshot, so rows keep their place while riders change. */
    public static Map<UUID, Integer> places(Collection<RiderRow> riders, List<HandOver.Batch> batches, Place from) {
        List<Standing> ranked = rank(riders, batches, from);
        Map<UUID, Integer> places = new HashMap<>(ranked.size() * 2);
        for (int i = 0; i < ranked.size(); i++) {
            places.put(ranked.get(i).rider().id(), i);
        }
        return places;
    }
}
