-- Where the delivery address is, when known (geocoded by the order system), so a proof of delivery recorded far
-- from it can be flagged for review.
ALTER TABLE orders ADD COLUMN delivery_lat double precision CHECK (delivery_lat BETWEEN -90 AND 90);
ALTER TABLE orders ADD COLUMN delivery_lon double precision CHECK (delivery_lon BETWEEN -180 AND 180);
ALTER TABLE orders ADD CONSTRAINT orders_delivery_position_complete
    CHECK ((delivery_lat IS NULL) = (delivery_lon IS NULL));
