package com.dispatchconsole.ui.map;

import com.dispatchconsole.domain.geo.BaseMap;
import com.dispatchconsole.domain.geo.MapViewport;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Line;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Polyline;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

/**
 * The PoD viewer's small map: where the proof of delivery was recorded against where the address is, on the same
 * plain base as the console's map, with the distance in metres. Static: drawn once for one PoD.
 */
public final class DistanceMap {

    static final double WIDTH = 300;
    static final double HEIGHT = 170;

    private DistanceMap() {
    }

    /**
     * @param metres the distance as the review judges it ({@code PodFlags.distanceToAddress}), so the map and the
     *               "far from the address" flag never disagree
     */
    public static Node create(double addressLat, double addressLon, double podLat, double podLon, double metres) {
        MapViewport view = new MapViewport(addressLat, addressLon, 17, WIDTH, HEIGHT)
                .fit(List.of(new MapViewport.LatLon(addressLat, addressLon), new MapViewport.LatLon(podLat, podLon)),
                        36, 18);
        Pane pane = new Pane();
        pane.setId("pod-distance-map");
        pane.getStyleClass().add("map-pane");
        pane.setMinSize(WIDTH, HEIGHT);
        pane.setPrefSize(WIDTH, HEIGHT);
        pane.setMaxSize(WIDTH, HEIGHT);
        pane.setClip(new Rectangle(WIDTH, HEIGHT));
        for (BaseMap.Feature feature : BaseMaps.demoCity().features()) {
            double[] xy = new double[feature.points().size() * 2];
            for (int i = 0; i < feature.points().size(); i++) {
                MapViewport.Point p = view.toScreen(feature.points().get(i).lat(), feature.points().get(i).lon());
                xy[2 * i] = p.x();
                xy[2 * i + 1] = p.y();
            }
            Node shape = feature.closed() ? new Polygon(xy) : new Polyline(xy);
            shape.getStyleClass().add("map-" + feature.kind().name().toLowerCase());
            pane.getChildren().add(shape);
        }
        MapViewport.Point address = view.toScreen(addressLat, addressLon);
        MapViewport.Point pod = view.toScreen(podLat, podLon);
        Line line = new Line(address.x(), address.y(), pod.x(), pod.y());
        line.getStyleClass().add("map-distance-line");
        Circle addressDot = new Circle(address.x(), address.y(), 6);
        addressDot.setId("pod-map-address");
        addressDot.getStyleClass().add("map-point-address");
        Circle podDot = new Circle(pod.x(), pod.y(), 6);
        podDot.setId("pod-map-delivery");
        podDot.getStyleClass().add("map-point-pod");
        Text addressText = new Text(address.x() + 9, address.y() + 4, "Address");
        addressText.getStyleClass().add("map-point-label");
        Text podText = new Text(pod.x() + 9, pod.y() + 4, "Recorded here");
        podText.getStyleClass().add("map-point-label");
        pane.getChildren().addAll(line, addressDot, podDot, addressText, podText);
        Label distance = new Label(Math.round(metres) + " m from the address");
        distance.setId("pod-distance");
        distance.getStyleClass().add("map-message");
        return new VBox(4, pane, distance);
    }
}
