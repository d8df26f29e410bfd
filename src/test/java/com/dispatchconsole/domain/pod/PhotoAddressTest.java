package com.dispatchconsole.domain.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.dispatchconsole.domain.pod.PhotoAddress;
import com.dispatchconsole.testing.UnitTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which image addresses the console may fetch: https on the internet, or a picture inside the document. */
@UnitTest
class PhotoAddressTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://pod.example/p/1.jpg",
        "HTTPS://Pod.Example/p/1.jpg",
        "https://cdn.example.com:8443/a/b.png?sig=abc",
        "https://93.184.216.34/door.jpg",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/door.jpg",
        "https://127.example.com/door.jpg",
        "data:image/png;base64,iVBORw0KGgo=",
        "data:image/jpeg;base64,/9j/4AAQSkZJRg==",
    })
    void safe(String address) {
        assertThat(PhotoAddress.unsafeBecause(address)).as(address).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "file:///etc/passwd                          | is not an https address",
        "file://host/share/door.jpg                  | is not an https address",
        "http://pod.example/p/1.jpg                  | is not an https address",
        "http://169.254.169.254/latest/meta-data/    | is not an https address",
        "ftp://pod.example/p/1.jpg                   | is not an https address",
        "jar:file:/tmp/x.jar!/door.png               | is not an https address",
        "door.jpg                                    | is not an https address",
        "https:///door.jpg                           | has no host name",
        "https://localhost/door.jpg                  | points at this computer",
        "https://LOCALHOST./door.jpg                 | points at this computer",
        "https://printer.localhost/door.jpg          | points at this computer",
        "https://127.0.0.1/door.jpg                  | points at this computer",
        "https://127.8.9.10/door.jpg                 | points at this computer",
        "https://0.0.0.0/door.jpg                    | points at this computer",
        "https://[::1]/door.jpg                      | points at this computer",
        "https://[::ffff:127.0.0.1]/door.jpg         | points at this computer",
        "https://[::127.0.0.1]/door.jpg              | points at this computer",
        "https://169.254.169.254/latest/meta-data/   | is a link-local address",
        "https://[fe80::1]/door.jpg                  | is a link-local address",
        "https://10.0.0.5/door.jpg                   | is a private network address",
        "https://172.16.4.4/door.jpg                 | is a private network address",
        "https://192.168.1.20/door.jpg               | is a private network address",
        "https://100.64.0.1/door.jpg                 | is a private network address",
        "https://[fd00::1]/door.jpg                  | is a private network address",
        "https://2130706433/door.jpg                 | is an IP address in an unusual spelling",
        "https://0x7f.1/door.jpg                     | has a host that is neither a plain name nor a plain IP address",
        "https://127.1/door.jpg                      | has a host that is neither a plain name nor a plain IP address",
        "https://1.2.3.04/door.jpg                   | is an IP address in an unusual spelling",
        "https://[::]/door.jpg                       | points at this computer",
        "https://224.0.0.1/door.jpg                  | is a multicast address",
        "data:image/svg+xml;base64,PHN2Zz4=          | is a data URL other than a base64 PNG or JPEG image",
        "data:text/html;base64,PGgxPg==              | is a data URL other than a base64 PNG or JPEG image",
        "data:image/png,rawbytes                     | is a data URL other than a base64 PNG or JPEG image",
    })
    void unsafe(String address, String why) {
        assertThat(PhotoAddress.unsafeBecause(address)).as(address).contains(why);
        assertThat(PhotoAddress.isSafe(address)).isFalse();
    }
}
