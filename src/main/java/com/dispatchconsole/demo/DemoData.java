package com.dispatchconsole.demo;

import com.dispatchconsole.domain.Availability;
import com.dispatchconsole.domain.BatchStatus;
import com.dispatchconsole.domain.DispatchException;
import com.dispatchconsole.domain.ErrorCode;
import com.dispatchconsole.domain.RiderLimits;
import com.dispatchconsole.domain.VehicleType;
import com.dispatchconsole.domain.pod.PodDocument;
import com.dispatchconsole.domain.pod.PodDocumentBuilder;
import com.dispatchconsole.domain.rows.NewOrder;
import com.dispatchconsole.domain.rows.RiderRow;
import com.dispatchconsole.service.DispatchServices;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A believable shift in progress: three outlets, two dozen riders, and batches in every status, every move made
 * through the database's own guards and audited by its triggers, so the history is as real as the rows.
 */
public final class DemoData {

    public static final String ACTOR = "demo-seed";

    private static final String[] OUTLETS = {"Northside Kitchen", "Harbour Dark Store", "Central Market"};
    private static final String[] FIRST = {"Ana", "Ben", "Chloé", "Dev", "Elif", "Farid", "Grace", "Hiro", "Ines",
        "Jonas", "Kemi", "Luca", "Maya", "Nils", "Olu", "Priya", "Quentin", "Rosa", "Sami", "Tomas", "Uma", "Viktor",
        "Wen", "Yara"};
    private static final String[] LAST = {"Silva", "Okafor", "Martin", "Patel", "Kaya", "Haddad", "Lee", "Tanaka",
        "García", "Berg", "Adeyemi", "Rossi", "Cohen", "Larsen", "Bello", "Nair", "Dubois", "Moreno", "Aziz",
        "Novak", "Iyer", "Petrov", "Zhang", "Saleh"};
    private static final String[] CUSTOMERS = {"M. Brown", "J. Nguyen", "A. Schmidt", "K. Mensah", "L. Romano",
        "S. Kowalski", "P. Fernandes", "R. O'Neill", "T. Yilmaz", "D. Ivanova", "H. Kim", "C. Costa"};

    private DemoData() {
    }

    /**
     * The demo photo (a front door, 8 KB) as a {@code data:image/png;base64,…} URL, the picture inside the
     * document itself. The demo shift stores the photo in the database instead ({@link #seedIfEmptyWithPhoto}).
     */
    public static String photoDataUrl() {
        byte[] photo = photoBytes();
        return photo == null ? null : "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(photo);
    }

    /** The demo photo's PNG bytes; null when the jar has none. */
    static byte[] photoBytes() {
        try (var in = DemoData.class.getResourceAsStream("/com/dispatchconsole/demo/door.png")) {
            return in == null ? null : in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("The demo photo in the jar could not be read", e);
        }
    }

    /** Seeds the demo shift when the database has no outlets yet; returns whether it did. */
    public static boolean seedIfEmpty(DispatchServices services) {
        if (!services.queries().outlets().isEmpty()) {
            return false;
        }
        try {
            seed(services.database().dataSource(), new Random(42), 24, 150, null);
        } catch (SQLException e) {
            throw new DispatchException(ErrorCode.UNEXPECTED, "The demo shift could not be written ("
                    + e.getSQLState() + ").");
        }
        return true;
    }

    /**
     * As {@link #seedIfEmpty}, with the demo photo stored once in the database ({@code pod_photos}) and named by
     * the demo proofs of delivery as {@code photo:<uuid>}, as a rider's app does after uploading it: the viewer
     * reads it from the database, so it shows offline and nothing is fetched. Writes as the connections of
     * {@code dataSource} (the database's owner on a first start: no Hibernate needed); seeds only an empty database.
     */
    public static boolean seedIfEmptyWithPhoto(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM outlets)");
             ResultSet rs = ps.executeQuery()) {
            if (rs.next() && rs.getBoolean(1)) {
                return false;
            }
        }
        seed(dataSource, new Random(42), 24, 150, photoBytes());
        return true;
    }

    /**
     * The shift itself, written as plain SQL through the database's guards and triggers ({@link DemoShiftWriter}):
     * the same rules and the same audit as the services, a transaction per batch.
     */
    static void seed(DataSource dataSource, Random random, int riderCount, int batchCount, byte[] photo)
            throws SQLException {
        try (DemoShiftWriter writer = DemoShiftWriter.open(dataSource)) {
            String photoUrl = photo == null ? null : writer.storePhoto(photo);
            List<UUID> outlets = new ArrayList<>();
            for (int i = 0; i < OUTLETS.length; i++) {
                City.Point at = City.positionOf(outletAddress(i));
                outlets.add(writer.createOutlet(OUTLETS[i], outletAddress(i), at.lat(), at.lon()));
            }
            List<UUID> riders = new ArrayList<>();
            for (int i = 0; i < riderCount; i++) {
                VehicleType vehicle = VehicleType.values()[random.nextInt(VehicleType.values().length)];
                riders.add(writer.createRider(FIRST[i % FIRST.length] + " " + LAST[(i * 7) % LAST.length],
                        "+44 7700 9" + String.format("%05d", random.nextInt(100000)), vehicle,
                        outlets.get(i % outlets.size()), limitsFor(vehicle)));
            }
            writer.commit();
            for (int b = 0; b < batchCount; b++) {
                UUID outlet = outlets.get(random.nextInt(outlets.size()));
                List<NewOrder> orders = new ArrayList<>();
                int count = 1 + random.nextInt(4);
                for (int o = 0; o < count; o++) {
                    String address = City.randomAddress(random);
                    double[] at = positionOf(address);
                    // A phone for each customer, made up without another draw so the demo shift stays the same.
                    orders.add(new NewOrder(CUSTOMERS[random.nextInt(CUSTOMERS.length)], address,
                            BigDecimal.valueOf(30 + random.nextInt(420)).divide(BigDecimal.valueOf(100), 2,
                                    RoundingMode.UNNECESSARY), at[0], at[1],
                            String.format(java.util.Locale.ROOT, "+44 20 7946 %04d", (b * 7 + o) % 10000)));
                }
                UUID batch = writer.createBatch(outlet, orders);
                progress(writer, random, batch, riders, photoUrl);
                writer.commit();
            }
            // Last known positions around the outlets, a few of them old enough to look stale on screen.
            for (int i = 0; i < riders.size(); i++) {
                long ageSeconds = i % 7 == 3 ? 900 + random.nextInt(1800) : random.nextInt(90);
                City.Point near = City.offset(City.positionOf(outletAddress(i % OUTLETS.length)),
                        random.nextDouble() * 1500, random.nextDouble() * 360);
                writer.reportPosition(riders.get(i), City.fix(near.lat()), City.fix(near.lon()),
                        3f + random.nextInt(20), java.time.Instant.now().minusSeconds(ageSeconds));
            }
            // A few riders on a break or off duty: only riders carrying nothing may leave.
            List<UUID> idle = writer.carryingNothing(riders);
            for (int i = 0; i < Math.min(3, idle.size()); i++) {
                writer.setAvailability(idle.get(i), i == 0 ? Availability.OFF_DUTY : Availability.ON_BREAK);
            }
            writer.commit();
        }
    }

    /**
     * Enrols {@code count} more riders, spread over {@code outlets} in turn, named, phoned and equipped like the
     * demo's (numbered from {@code first} so the names go on where the demo's stop). An admin's work, as riders
     * are signed up in a real operation: the simulator does it before its shift when asked for more riders than
     * the database has.
     */
    public static List<RiderRow> enrolRiders(DispatchServices services, List<UUID> outlets, int first, int count,
                                             Random random) {
        List<RiderRow> riders = new ArrayList<>();
        for (int n = first; n < first + count; n++) {
            VehicleType vehicle = VehicleType.values()[random.nextInt(VehicleType.values().length)];
            riders.add(services.fleet().createRider(FIRST[n % FIRST.length] + " "
                            + LAST[(n * 7 + n / FIRST.length) % LAST.length],
                    "+44 7700 9" + String.format("%05d", random.nextInt(100000)), vehicle,
                    outlets.get(n % outlets.size()), limitsFor(vehicle)));
        }
        return riders;
    }

    /** Moves a fresh batch some way along its life; refusals (a full rider) simply leave it where it is. */
    private static void progress(DemoShiftWriter writer, Random random, UUID batch, List<UUID> riders,
                                 String photoUrl) throws SQLException {
        int stage = random.nextInt(10);
        if (stage < 4) {
            return;
        }
        if (stage == 4) {
            writer.move(batch, BatchStatus.CANCELLED, "Customer cancelled");
            return;
        }
        UUID rider = riders.get(random.nextInt(riders.size()));
        if (!writer.assign(batch, rider)) {
            return;
        }
        if (stage >= 7 && writer.move(batch, BatchStatus.PICKED, null) && stage >= 8) {
            writer.move(batch, BatchStatus.OUT_FOR_DELIVERY, null);
            if (stage == 9) {
                for (DemoShiftWriter.Line line : writer.lines(batch)) {
                    writer.delivered(line.id(), proofOfDelivery(random, line, photoUrl));
                }
                writer.move(batch, BatchStatus.COMPLETED, null);
            }
        }
    }

    /** A believable PoD; some without a photo where one is needed, so the review queue has something to flag. */
    private static PodDocument proofOfDelivery(Random random, DemoShiftWriter.Line order, String photoUrl) {
        String[] types = {"HANDED_TO_RECIPIENT", "LEFT_AT_DOOR", "SAFE_PLACE"};
        String type = types[random.nextInt(types.length)];
        java.time.Instant now = java.time.Instant.now();
        List<PodDocument.Photo> photos = photoUrl == null || random.nextInt(4) == 0 ? List.of()
                : List.of(new PodDocument.Photo(photoUrl, now.atOffset(java.time.ZoneOffset.UTC)));
        double[] address = positionOf(order.deliveryAddress());
        // Most riders record the PoD at the door; one in eight is some way off, for the review queue to flag.
        double offset = random.nextInt(8) == 0 ? 0.006 : 0.0002;
        double lat = address[0] + (random.nextDouble() - 0.5) * offset;
        double lon = address[1] + (random.nextDouble() - 0.5) * offset;
        PodDocumentBuilder pod = PodDocument.builder()
                .deliveryType(type)
                .recipientName(order.customerName())
                .notes(type.equals("SAFE_PLACE") ? "Behind the blue bin, as asked" : "All good")
                .photos(photos)
                // A phone's fix to about a metre: five decimals.
                .coordinates(new PodDocument.Coordinates(Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5,
                        (double) (3 + random.nextInt(25))))
                .deliveredAt(now)
                .extra("deviceId", String.format(java.util.Locale.ROOT, "rider-phone-%02d", random.nextInt(40)));
        if (type.equals("HANDED_TO_RECIPIENT")) {
            pod.signature(new PodDocument.Signature(null, List.of(
                    points(0, 20, 8, 4, 16, 22, 24, 6, 34, 20), points(38, 18, 52, 10, 60, 18))));
        }
        // Built through the validator once, and recorded as it is: not turned into text to be read again.
        return pod.build();
    }

    /** A stroke from x, y pairs. */
    private static List<PodDocument.Point> points(double... xy) {
        List<PodDocument.Point> stroke = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            stroke.add(new PodDocument.Point(xy[i], xy[i + 1]));
        }
        return stroke;
    }

    /** Where a demo address is in the demo city (the demo has no geocoder: {@link City} is it). */
    static double[] positionOf(String address) {
        City.Point p = City.positionOf(address);
        return new double[] {p.lat(), p.lon()};
    }

    /** The address of the demo's i-th outlet, on the i-th street of the city. */
    static String outletAddress(int i) {
        return (10 + i * 7) + " " + City.STREETS.get(i).name();
    }

    public static RiderLimits limitsFor(VehicleType vehicle) {
        return switch (vehicle) {
            case BICYCLE -> new RiderLimits(6, new BigDecimal("12"), 1);
            case SCOOTER -> new RiderLimits(8, new BigDecimal("18"), 2);
            case MOTORBIKE -> new RiderLimits(10, new BigDecimal("25"), 2);
            case CAR -> new RiderLimits(16, new BigDecimal("60"), 3);
            case VAN -> new RiderLimits(30, new BigDecimal("200"), 4);
        };
    }
}
