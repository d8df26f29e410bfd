-- A verdict on a proof of delivery is a change consoles must see too (review queues, open PoD viewers): it is
-- announced like a change of the order line it belongs to.
CREATE FUNCTION notify_review_change() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM pg_notify('dispatch_changes', json_build_object(
        'e', 'order', 'id', NEW.batch_order_id, 'op', 'R',
        'batch', (SELECT batch_id FROM delivery_batch_orders WHERE id = NEW.batch_order_id),
        'outlet', (SELECT b.outlet_id FROM delivery_batch_orders bo JOIN delivery_batches b ON b.id = bo.batch_id
                   WHERE bo.id = NEW.batch_order_id))::text);
    RETURN NULL;
END;
$$;

CREATE TRIGGER pod_reviews_notify
    AFTER INSERT ON pod_reviews
    FOR EACH ROW EXECUTE FUNCTION notify_review_change();
