-- Read counters of the company views (db/schema/stats.ts): kept by triggers on the source tables,
-- so every write path moves them in its own transaction. Hand-written (drizzle-kit generate --custom).
--
-- The recount of each counter table is a view, the one definition used to fill the tables here,
-- by the large seed after its bulk load, and by `npm run counters:reconcile` (db/services/read-stats.ts).
CREATE OR REPLACE SQL SECURITY INVOKER VIEW `exhibitor_stats_recount` AS
SELECT u.exhibitor_id,
       CAST(SUM(u.leads) AS SIGNED) AS leads,
       CAST(SUM(u.talks) AS SIGNED) AS talks,
       CAST(SUM(u.bookings) AS SIGNED) AS bookings,
       CAST(SUM(u.collected) AS DECIMAL(15,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(15,2)) AS booked,
       MAX(u.last_conversation_at) AS last_conversation_at
FROM (
  SELECT exhibitor_id, COUNT(*) AS leads, 0 AS talks, 0 AS bookings, 0 AS collected, 0 AS booked, NULL AS last_conversation_at
    FROM follow_ups WHERE exhibitor_id IS NOT NULL GROUP BY exhibitor_id
  UNION ALL
  SELECT exhibitor_id, 0, SUM(kind = 'talk'), 0, 0, 0, MAX(conversation_date)
    FROM conversations GROUP BY exhibitor_id
  UNION ALL
  SELECT exhibitor_id, 0, 0, COUNT(*), COALESCE(SUM(amount_paid), 0), COALESCE(SUM(price), 0), NULL
    FROM bookings WHERE cancelled_at IS NULL AND exhibitor_id IS NOT NULL GROUP BY exhibitor_id
) u
GROUP BY u.exhibitor_id;
--> statement-breakpoint
CREATE OR REPLACE SQL SECURITY INVOKER VIEW `stall_stats_recount` AS
SELECT u.table_id,
       CAST(SUM(u.talks) AS SIGNED) AS talks,
       CAST(SUM(u.bookings) AS SIGNED) AS bookings,
       CAST(SUM(u.collected) AS DECIMAL(15,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(15,2)) AS booked
FROM (
  SELECT table_id, COUNT(*) AS talks, 0 AS bookings, 0 AS collected, 0 AS booked
    FROM conversations WHERE kind = 'talk' AND table_id IS NOT NULL GROUP BY table_id
  UNION ALL
  SELECT table_id, 0, COUNT(*), COALESCE(SUM(amount_paid), 0), COALESCE(SUM(price), 0)
    FROM bookings WHERE cancelled_at IS NULL AND table_id IS NOT NULL GROUP BY table_id
) u
GROUP BY u.table_id;
--> statement-breakpoint
CREATE OR REPLACE SQL SECURITY INVOKER VIEW `exhibitor_stall_stats_recount` AS
SELECT u.exhibitor_id, u.table_id,
       CAST(SUM(u.talks) AS SIGNED) AS talks,
       CAST(SUM(u.bookings) AS SIGNED) AS bookings,
       CAST(SUM(u.collected) AS DECIMAL(15,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(15,2)) AS booked
FROM (
  SELECT exhibitor_id, table_id, COUNT(*) AS talks, 0 AS bookings, 0 AS collected, 0 AS booked
    FROM conversations WHERE kind = 'talk' AND table_id IS NOT NULL GROUP BY exhibitor_id, table_id
  UNION ALL
  SELECT exhibitor_id, table_id, 0, COUNT(*), COALESCE(SUM(amount_paid), 0), COALESCE(SUM(price), 0)
    FROM bookings WHERE cancelled_at IS NULL AND table_id IS NOT NULL AND exhibitor_id IS NOT NULL GROUP BY exhibitor_id, table_id
) u
GROUP BY u.exhibitor_id, u.table_id;
--> statement-breakpoint
-- Moves the counters of one company and/or one stall by deltas. A row is created on first use.
-- A session that sets @read_stats_paused = 1 moves nothing (the large seed's bulk load, which
-- refills the tables from the views afterwards).
DROP PROCEDURE IF EXISTS `read_stats_move`;
--> statement-breakpoint
CREATE PROCEDURE `read_stats_move`(
  IN p_exhibitor CHAR(26), IN p_table BIGINT UNSIGNED,
  IN p_leads INT, IN p_talks INT, IN p_bookings INT,
  IN p_collected DECIMAL(15,2), IN p_booked DECIMAL(15,2), IN p_last TIMESTAMP)
MODIFIES SQL DATA
SQL SECURITY INVOKER
BEGIN
  IF COALESCE(@read_stats_paused, 0) = 0 THEN
    IF p_exhibitor IS NOT NULL THEN
      INSERT INTO exhibitor_stats (exhibitor_id, leads, talks, bookings, collected, booked, last_conversation_at)
      VALUES (p_exhibitor, p_leads, p_talks, p_bookings, p_collected, p_booked, p_last)
      ON DUPLICATE KEY UPDATE
        leads = leads + p_leads, talks = talks + p_talks, bookings = bookings + p_bookings,
        collected = collected + p_collected, booked = booked + p_booked,
        last_conversation_at = GREATEST(COALESCE(last_conversation_at, p_last), COALESCE(p_last, last_conversation_at));
    END IF;
    IF p_table IS NOT NULL AND (p_talks <> 0 OR p_bookings <> 0 OR p_collected <> 0 OR p_booked <> 0) THEN
      INSERT INTO stall_stats (table_id, talks, bookings, collected, booked)
      VALUES (p_table, p_talks, p_bookings, p_collected, p_booked)
      ON DUPLICATE KEY UPDATE talks = talks + p_talks, bookings = bookings + p_bookings, collected = collected + p_collected, booked = booked + p_booked;
      IF p_exhibitor IS NOT NULL THEN
        INSERT INTO exhibitor_stall_stats (exhibitor_id, table_id, talks, bookings, collected, booked)
        VALUES (p_exhibitor, p_table, p_talks, p_bookings, p_collected, p_booked)
        ON DUPLICATE KEY UPDATE talks = talks + p_talks, bookings = bookings + p_bookings, collected = collected + p_collected, booked = booked + p_booked;
      END IF;
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_read_stats_insert` AFTER INSERT ON `follow_ups` FOR EACH ROW
  CALL read_stats_move(NEW.exhibitor_id, NULL, 1, 0, 0, 0, 0, NULL);
--> statement-breakpoint
CREATE TRIGGER `follow_ups_read_stats_update` AFTER UPDATE ON `follow_ups` FOR EACH ROW
BEGIN
  IF NOT (OLD.exhibitor_id <=> NEW.exhibitor_id) THEN
    CALL read_stats_move(OLD.exhibitor_id, NULL, -1, 0, 0, 0, 0, NULL);
    CALL read_stats_move(NEW.exhibitor_id, NULL, 1, 0, 0, 0, 0, NULL);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `follow_ups_read_stats_delete` AFTER DELETE ON `follow_ups` FOR EACH ROW
  CALL read_stats_move(OLD.exhibitor_id, NULL, -1, 0, 0, 0, 0, NULL);
--> statement-breakpoint
CREATE TRIGGER `conversations_read_stats_insert` AFTER INSERT ON `conversations` FOR EACH ROW
  CALL read_stats_move(NEW.exhibitor_id, IF(NEW.kind = 'talk', NEW.table_id, NULL), 0, NEW.kind = 'talk', 0, 0, 0, NEW.conversation_date);
--> statement-breakpoint
CREATE TRIGGER `conversations_read_stats_update` AFTER UPDATE ON `conversations` FOR EACH ROW
BEGIN
  IF NOT (OLD.exhibitor_id <=> NEW.exhibitor_id AND OLD.table_id <=> NEW.table_id AND OLD.kind <=> NEW.kind AND OLD.conversation_date <=> NEW.conversation_date) THEN
    CALL read_stats_move(OLD.exhibitor_id, IF(OLD.kind = 'talk', OLD.table_id, NULL), 0, -(OLD.kind = 'talk'), 0, 0, 0, NULL);
    CALL read_stats_move(NEW.exhibitor_id, IF(NEW.kind = 'talk', NEW.table_id, NULL), 0, NEW.kind = 'talk', 0, 0, 0, NEW.conversation_date);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `conversations_read_stats_delete` AFTER DELETE ON `conversations` FOR EACH ROW
  CALL read_stats_move(OLD.exhibitor_id, IF(OLD.kind = 'talk', OLD.table_id, NULL), 0, -(OLD.kind = 'talk'), 0, 0, 0, NULL);
--> statement-breakpoint
CREATE TRIGGER `bookings_read_stats_insert` AFTER INSERT ON `bookings` FOR EACH ROW
BEGIN
  IF NEW.cancelled_at IS NULL THEN
    CALL read_stats_move(NEW.exhibitor_id, NEW.table_id, 0, 0, 1, COALESCE(NEW.amount_paid, 0), COALESCE(NEW.price, 0), NULL);
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_read_stats_update` AFTER UPDATE ON `bookings` FOR EACH ROW
BEGIN
  IF OLD.cancelled_at IS NULL AND NEW.cancelled_at IS NULL AND OLD.exhibitor_id <=> NEW.exhibitor_id AND OLD.table_id <=> NEW.table_id THEN
    -- A payment or a price change: one move by the difference.
    IF NOT (OLD.amount_paid <=> NEW.amount_paid AND OLD.price <=> NEW.price) THEN
      CALL read_stats_move(NEW.exhibitor_id, NEW.table_id, 0, 0, 0,
        COALESCE(NEW.amount_paid, 0) - COALESCE(OLD.amount_paid, 0), COALESCE(NEW.price, 0) - COALESCE(OLD.price, 0), NULL);
    END IF;
  ELSE
    -- A cancellation (or its undoing), or the booking moved to another company or stall.
    IF OLD.cancelled_at IS NULL THEN
      CALL read_stats_move(OLD.exhibitor_id, OLD.table_id, 0, 0, -1, -COALESCE(OLD.amount_paid, 0), -COALESCE(OLD.price, 0), NULL);
    END IF;
    IF NEW.cancelled_at IS NULL THEN
      CALL read_stats_move(NEW.exhibitor_id, NEW.table_id, 0, 0, 1, COALESCE(NEW.amount_paid, 0), COALESCE(NEW.price, 0), NULL);
    END IF;
  END IF;
END;
--> statement-breakpoint
CREATE TRIGGER `bookings_read_stats_delete` AFTER DELETE ON `bookings` FOR EACH ROW
BEGIN
  IF OLD.cancelled_at IS NULL THEN
    CALL read_stats_move(OLD.exhibitor_id, OLD.table_id, 0, 0, -1, -COALESCE(OLD.amount_paid, 0), -COALESCE(OLD.price, 0), NULL);
  END IF;
END;
--> statement-breakpoint
-- A database migrated forward with data in it starts with correct counters.
INSERT INTO exhibitor_stats (exhibitor_id, leads, talks, bookings, collected, booked, last_conversation_at)
  SELECT exhibitor_id, leads, talks, bookings, collected, booked, last_conversation_at FROM exhibitor_stats_recount;
--> statement-breakpoint
INSERT INTO stall_stats (table_id, talks, bookings, collected, booked)
  SELECT table_id, talks, bookings, collected, booked FROM stall_stats_recount;
--> statement-breakpoint
INSERT INTO exhibitor_stall_stats (exhibitor_id, table_id, talks, bookings, collected, booked)
  SELECT exhibitor_id, table_id, talks, bookings, collected, booked FROM exhibitor_stall_stats_recount;
