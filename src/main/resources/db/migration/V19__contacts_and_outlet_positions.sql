-- Issue 13, "finding riders": what the console needs to put the right rider on a batch and to reach people.
-- A customer's phone (optional: the order system may not give one), shown in the batch's detail pane; where an
-- outlet is (optional, both or neither), so the riders table can rank riders by distance from a batch's outlet.
ALTER TABLE orders ADD COLUMN customer_phone text CHECK (length(customer_phone) <= 40);
ALTER TABLE outlets ADD COLUMN lat double precision CHECK (lat BETWEEN -90 AND 90);
ALTER TABLE outlets ADD COLUMN lon double precision CHECK (lon BETWEEN -180 AND 180);
ALTER TABLE outlets ADD CONSTRAINT outlets_position_complete CHECK ((lat IS NULL) = (lon IS NULL));
