CREATE TABLE `exhibitor_stall_stats` (
	`exhibitor_id` char(26) NOT NULL,
	`table_id` bigint unsigned NOT NULL,
	`talks` int NOT NULL DEFAULT 0,
	`bookings` int NOT NULL DEFAULT 0,
	`collected` decimal(15,2) NOT NULL DEFAULT '0.00',
	`booked` decimal(15,2) NOT NULL DEFAULT '0.00',
	CONSTRAINT `exhibitor_stall_stats_pk` PRIMARY KEY(`exhibitor_id`,`table_id`)
);
--> statement-breakpoint
CREATE TABLE `exhibitor_stats` (
	`exhibitor_id` char(26) NOT NULL,
	`leads` int NOT NULL DEFAULT 0,
	`talks` int NOT NULL DEFAULT 0,
	`bookings` int NOT NULL DEFAULT 0,
	`collected` decimal(15,2) NOT NULL DEFAULT '0.00',
	`booked` decimal(15,2) NOT NULL DEFAULT '0.00',
	`last_conversation_at` timestamp,
	CONSTRAINT `exhibitor_stats_exhibitor_id` PRIMARY KEY(`exhibitor_id`)
);
--> statement-breakpoint
CREATE TABLE `stall_stats` (
	`table_id` bigint unsigned NOT NULL,
	`talks` int NOT NULL DEFAULT 0,
	`bookings` int NOT NULL DEFAULT 0,
	`collected` decimal(15,2) NOT NULL DEFAULT '0.00',
	`booked` decimal(15,2) NOT NULL DEFAULT '0.00',
	CONSTRAINT `stall_stats_table_id` PRIMARY KEY(`table_id`)
);
--> statement-breakpoint
DROP INDEX `contacts_type_name_index` ON `contacts`;--> statement-breakpoint
DROP INDEX `follow_ups_exhibitor_id_index` ON `follow_ups`;--> statement-breakpoint
DROP INDEX `bookings_exhibitor_id_index` ON `bookings`;--> statement-breakpoint
DROP INDEX `bookings_table_id_index` ON `bookings`;--> statement-breakpoint
DROP INDEX `bookings_campaign_id_index` ON `bookings`;--> statement-breakpoint
DROP INDEX `conversations_exhibitor_id_index` ON `conversations`;--> statement-breakpoint
DROP INDEX `conversations_location_id_index` ON `conversations`;--> statement-breakpoint
DROP INDEX `conversations_table_id_index` ON `conversations`;--> statement-breakpoint
DROP INDEX `conversations_campaign_id_index` ON `conversations`;--> statement-breakpoint
CREATE INDEX `contacts_type_deleted_at_name_city_index` ON `contacts` (`type`,`deleted_at`,`name`,`city`);