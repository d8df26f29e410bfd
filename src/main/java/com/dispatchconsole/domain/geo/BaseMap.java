package com.dispatchconsole.domain.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The plain base a map draws under its markers: district outlines, parks, water, roads and streets, read from a
 * small bundled text file (one feature a line: {@code kind|name|lat,lon;lat,lon;...}, {@code #} starts a comment).
 * Pure: the caller opens the file.
 */
public record BaseMap(List<Feature> features) {

    /** What a feature is, in drawing order (districts at the bottom, streets on top). */
    public enum Kind { DISTRICT, PARK, WATER, ROAD, STREET }

    /** One feature; districts and parks are closed outlines, the rest lines. */
    public record Feature(Kind kind, String name, List<MapViewport.LatLon> points) {

        public Feature {
            points = List.copyOf(points);
        }

        public boolean closed() {
            return kind == Kind.DISTRICT || kind == Kind.PARK;
        }
    }

    public BaseMap {
        features = List.copyOf(features);
    }

    public static final BaseMap EMPTY = new BaseMap(List.of());

    /** Reads a base map; a malformed line is an error that names it (the file ships with the console). */
    public static BaseMap read(Reader text) {
        List<Feature> features = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(text)) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                features.add(feature(trimmed, number));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        features.sort(java.util.Comparator.comparing(Feature::kind));
        return new BaseMap(features);
    }

    private static Feature feature(String line, int number) {
        String[] parts = line.split("\\|");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Base map line " + number + ": expected kind|name|points");
        }
        Kind kind = Kind.valueOf(parts[0].strip().toUpperCase());
        List<MapViewport.LatLon> points = new ArrayList<>();
        for (String pair : parts[2].split(";")) {
            String[] latLon = pair.split(",");
            if (latLon.length != 2) {
                throw new IllegalArgumentException("Base map line " + number + ": a point is lat,lon: " + pair);
            }
            points.add(new MapViewport.LatLon(Double.parseDouble(latLon[0].strip()), Double.parseDouble(latLon[1].strip())));
        }
        if (points.size() < 2) {
            throw new IllegalArgumentException("Base map line " + number + ": a feature needs two points or more");
        }
        return new Feature(kind, parts[1].strip(), points);
    }
}
