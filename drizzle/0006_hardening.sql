ALTER TABLE `campaigns` MODIFY COLUMN `total_revenue` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `campaigns` MODIFY COLUMN `total_booked_value` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `exhibitor_stall_stats` MODIFY COLUMN `collected` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `exhibitor_stall_stats` MODIFY COLUMN `booked` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `exhibitor_stats` MODIFY COLUMN `collected` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `exhibitor_stats` MODIFY COLUMN `booked` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `stall_stats` MODIFY COLUMN `collected` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
ALTER TABLE `stall_stats` MODIFY COLUMN `booked` decimal(20,2) NOT NULL DEFAULT '0.00';--> statement-breakpoint
-- Keys are scoped to their user: one primary key change in one statement (never a table without one).
ALTER TABLE `idempotency_keys` DROP PRIMARY KEY, ADD PRIMARY KEY(`user_id`,`key`);--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` int DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_at_index` ON `idempotency_keys` (`created_at`);
--> statement-breakpoint
-- The recount views and the counter procedure of 0003, with sums as wide as the counters.
CREATE OR REPLACE SQL SECURITY INVOKER VIEW `exhibitor_stats_recount` AS
SELECT u.exhibitor_id,
       CAST(SUM(u.leads) AS SIGNED) AS leads,
       CAST(SUM(u.talks) AS SIGNED) AS talks,
       CAST(SUM(u.bookings) AS SIGNED) AS bookings,
       CAST(SUM(u.collected) AS DECIMAL(20,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(20,2)) AS booked,
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
       CAST(SUM(u.collected) AS DECIMAL(20,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(20,2)) AS booked
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
       CAST(SUM(u.collected) AS DECIMAL(20,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(20,2)) AS booked
FROM (
  SELECT exhibitor_id, table_id, COUNT(*) AS talks, 0 AS bookings, 0 AS collected, 0 AS booked
    FROM conversations WHERE kind = 'talk' AND table_id IS NOT NULL GROUP BY exhibitor_id, table_id
  UNION ALL
  SELECT exhibitor_id, table_id, 0, COUNT(*), COALESCE(SUM(amount_paid), 0), COALESCE(SUM(price), 0)
    FROM bookings WHERE cancelled_at IS NULL AND table_id IS NOT NULL AND exhibitor_id IS NOT NULL GROUP BY exhibitor_id, table_id
) u
GROUP BY u.exhibitor_id, u.table_id;
--> statement-breakpoint
DROP PROCEDURE IF EXISTS `read_stats_move`;
--> statement-breakpoint
CREATE PROCEDURE `read_stats_move`(
  IN p_exhibitor CHAR(26), IN p_table BIGINT UNSIGNED,
  IN p_leads INT, IN p_talks INT, IN p_bookings INT,
  IN p_collected DECIMAL(20,2), IN p_booked DECIMAL(20,2), IN p_last TIMESTAMP)
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
