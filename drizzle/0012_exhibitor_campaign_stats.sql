CREATE TABLE `exhibitor_campaign_stats` (
	`exhibitor_id` char(26) NOT NULL,
	`campaign_id` char(26) NOT NULL,
	`leads` int NOT NULL DEFAULT 0,
	`bookings` int NOT NULL DEFAULT 0,
	`collected` decimal(20,2) NOT NULL DEFAULT '0.00',
	`booked` decimal(20,2) NOT NULL DEFAULT '0.00',
	CONSTRAINT `exhibitor_campaign_stats_pk` PRIMARY KEY(`exhibitor_id`,`campaign_id`)
);
--> statement-breakpoint
-- What exhibitor_campaign_stats should hold, from the source rows (the same rules as the services' moves).
CREATE OR REPLACE SQL SECURITY INVOKER VIEW `exhibitor_campaign_stats_recount` AS
SELECT u.exhibitor_id, u.campaign_id,
       CAST(SUM(u.leads) AS SIGNED) AS leads,
       CAST(SUM(u.bookings) AS SIGNED) AS bookings,
       CAST(SUM(u.collected) AS DECIMAL(20,2)) AS collected,
       CAST(SUM(u.booked) AS DECIMAL(20,2)) AS booked
FROM (
  SELECT exhibitor_id, campaign_id, COUNT(*) AS leads, 0 AS bookings, 0 AS collected, 0 AS booked
    FROM follow_ups WHERE exhibitor_id IS NOT NULL AND campaign_id IS NOT NULL GROUP BY exhibitor_id, campaign_id
  UNION ALL
  SELECT exhibitor_id, campaign_id, 0, COUNT(*), COALESCE(SUM(amount_paid), 0), COALESCE(SUM(price), 0)
    FROM bookings WHERE cancelled_at IS NULL AND exhibitor_id IS NOT NULL AND campaign_id IS NOT NULL GROUP BY exhibitor_id, campaign_id
) u
GROUP BY u.exhibitor_id, u.campaign_id;
--> statement-breakpoint
-- The existing rows counted once; from here the services move it.
INSERT INTO `exhibitor_campaign_stats` (`exhibitor_id`, `campaign_id`, `leads`, `bookings`, `collected`, `booked`)
SELECT `exhibitor_id`, `campaign_id`, `leads`, `bookings`, `collected`, `booked` FROM `exhibitor_campaign_stats_recount`;
