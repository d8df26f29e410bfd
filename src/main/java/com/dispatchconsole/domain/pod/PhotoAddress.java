package com.dispatchconsole.domain.pod;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the console may load a PoD image (photo or signature) from an address. The viewer fetches what a
 * rider-side system wrote, so an address must not make a supervisor's machine read its own files
 * ({@code file:}), reach into its network ({@code http://169.254.169.254/…}, {@code https://10.0.0.5/…}) or leak
 * on the wire ({@code http:}). Safe are:
 * <ul>
 *   <li>{@code https://} with a host name, or a literal public IP address; never {@code localhost} nor a loopback,
 *       link-local, private, shared or unspecified IP address;</li>
 *   <li>{@code data:image/png;base64,…} and {@code data:image/jpeg;base64,…}: the picture is in the document
 *       itself, nothing is fetched;</li>
 *   <li>{@code photo:<uuid>} ({@link PhotoReference}): a photo stored in this database, read from it, never fetched
 *       over the network (the demo data uses one, so demo photos show offline).</li>
 * </ul>
 * A host name is judged as written, without a DNS lookup: a public name that resolves to a private address is a
 * matter for the network, not for this check.
 */
public final class PhotoAddress {

    private static final Pattern DATA_IMAGE = Pattern.compile("(?i)data:image/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}");
    /** Only a canonical dotted quad is read as IPv4; other numeric forms (2130706433, 0x7f.1) are refused. */
    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("\\d+|0x[0-9a-f]*");

    private PhotoAddress() {
    }

    public static boolean isSafe(String address) {
        return unsafeBecause(address).isEmpty();
    }

    /**
     * The picture inside a safe {@code data:image/…;base64,} address, decoded; empty for any other address or when
     * the base64 does not decode. The viewer draws these bytes itself: JavaFX's background loader knows no
     * {@code data:} scheme, and nothing needs fetching anyway.
     */
    public static Optional<byte[]> inlineImage(String address) {
        if (address == null || !DATA_IMAGE.matcher(address).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.util.Base64.getDecoder().decode(address.substring(address.indexOf(',') + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    /**
     * The id of the stored photo a {@code photo:<uuid>} address names; empty for any other address. The viewer
     * reads these from the database (PhotoService), never over HTTP.
     */
    public static Optional<java.util.UUID> storedPhoto(String address) {
        return PhotoReference.parse(address);
    }

    /** Why the console will not fetch {@code address}, as the end of a sentence; empty when it is safe. */
    public static Optional<String> unsafeBecause(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("is empty");
        }
        if (PhotoReference.looksLikeOne(address)) {
            return PhotoReference.parse(address).isPresent() ? Optional.empty()
                    : Optional.of("is not a photo reference of the form photo:<uuid>");
        }
        if (address.regionMatches(true, 0, "data:", 0, 5)) {
            return DATA_IMAGE.matcher(address).matches() ? Optional.empty()
                    : Optional.of("is a data URL other than a base64 PNG or JPEG image");
        }
        URI uri;
        try {
            uri = new URI(address);
        } catch (URISyntaxException e) {
            return Optional.of("is not a well-formed address");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("is not an https address");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            // The JDK leaves the host empty when it cannot read it as a name or an address (127.1, 0x7f.1, a_b).
            return Optional.of(uri.getRawAuthority() == null ? "has no host name"
                    : "has a host that is neither a plain name nor a plain IP address");
        }
        return unsafeHost(host.toLowerCase(Locale.ROOT));
    }

    private static Optional<String> unsafeHost(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return Optional.of("points at this computer");
        }
        if (name.startsWith("[")) {
            return unsafeIp(name.substring(1, name.length() - 1));
        }
        if (DOTTED_QUAD.matcher(name).matches()) {
            return unsafeIp(name);
        }
        // No top-level domain is numeric: such a host is an IP address in another spelling, which resolvers read
        // in surprising ways (2130706433 and 0x7f.1 are both 127.0.0.1).
        if (NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
            return Optional.of("is an IP address in an unusual spelling");
        }
        return Optional.empty();
    }

    /** A literal IP address (no DNS lookup happens for a literal). */
    private static Optional<String> unsafeIp(String literal) {
        InetAddress ip;
        try {
            ip = InetAddress.getByName(literal);
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("is not a valid IP address");
        }
        byte[] b = ip.getAddress();
        if (ip instanceof Inet6Address && isIpv4Compatible(b)) {
            try {
                ip = InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16));
                b = ip.getAddress();
            } catch (UnknownHostException impossible) {
                return Optional.of("is not a valid IP address");
            }
        }
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
            return Optional.of("points at this computer");
        }
        if (ip.isLinkLocalAddress()) {
            return Optional.of("is a link-local address");
        }
        boolean privateV4 = ip instanceof Inet4Address && (ip.isSiteLocalAddress()
                || ((b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64)     // 100.64.0.0/10, carrier-grade NAT
                || (b[0] & 0xFF) == 0);                               // 0.0.0.0/8, "this network"
        boolean privateV6 = ip instanceof Inet6Address && ((b[0] & 0xFE) == 0xFC || ip.isSiteLocalAddress());
        if (privateV4 || privateV6) {
            return Optional.of("is a private network address");
        }
        if (ip.isMulticastAddress()) {
            return Optional.of("is a multicast address");
        }
        return Optional.empty();
    }

    /**
     * ::a.b.c.d (deprecated IPv4-compatible); ::ffff:a.b.c.d already comes back from the JDK as IPv4. Not :: and
     * ::1, which are IPv6's own unspecified and loopback addresses.
     */
    private static boolean isIpv4Compatible(byte[] b) {
        for (int i = 0; i < 12; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[12] != 0;
    }
}
