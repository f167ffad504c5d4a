CREATE TABLE `campaign_stats` (
	`campaign_id` char(26) NOT NULL,
	`shard` tinyint unsigned NOT NULL,
	`leads` int NOT NULL DEFAULT 0,
	`bookings` int NOT NULL DEFAULT 0,
	`revenue` decimal(20,2) NOT NULL DEFAULT '0.00',
	`booked` decimal(20,2) NOT NULL DEFAULT '0.00',
	CONSTRAINT `campaign_stats_pk` PRIMARY KEY(`campaign_id`,`shard`)
);
--> statement-breakpoint
-- The counters so far, into shard 0 of each campaign (readers sum the shards; later moves use the company's shard).
INSERT INTO `campaign_stats` (`campaign_id`, `shard`, `leads`, `bookings`, `revenue`, `booked`)
SELECT `id`, 0, `total_leads_generated`, `total_bookings_created`, `total_revenue`, `total_booked_value` FROM `campaigns`
WHERE `total_leads_generated` <> 0 OR `total_bookings_created` <> 0 OR `total_revenue` <> 0 OR `total_booked_value` <> 0;
