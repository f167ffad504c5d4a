CREATE TABLE `contact_import_rows` (
	`import_id` char(26) NOT NULL,
	`line` int NOT NULL,
	`result` enum('created','updated','unchanged','invalid','duplicate','skipped') NOT NULL,
	`contact_id` char(26),
	`reason` varchar(500),
	`input` json,
	`before` json,
	CONSTRAINT `contact_import_rows_pk` PRIMARY KEY(`import_id`,`line`)
);
--> statement-breakpoint
CREATE TABLE `contact_imports` (
	`id` char(26) NOT NULL,
	`type` enum('exhibitor','visitor') NOT NULL,
	`mode` enum('create','upsert','update') NOT NULL,
	`file_name` varchar(255) NOT NULL,
	`mapping` json,
	`status` enum('running','done','reverted') NOT NULL DEFAULT 'running',
	`rows_total` int NOT NULL DEFAULT 0,
	`created_count` int NOT NULL DEFAULT 0,
	`updated_count` int NOT NULL DEFAULT 0,
	`unchanged_count` int NOT NULL DEFAULT 0,
	`invalid_count` int NOT NULL DEFAULT 0,
	`duplicate_count` int NOT NULL DEFAULT 0,
	`skipped_count` int NOT NULL DEFAULT 0,
	`created_by` varchar(255) NOT NULL,
	`finished_at` timestamp,
	`reverted_at` timestamp,
	`reverted_by` varchar(255),
	`created_at` timestamp DEFAULT (now()),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `contact_imports_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
CREATE TABLE `contact_merge_companies` (
	`exhibitor_id` char(26) NOT NULL,
	`merge_id` char(26) NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `contact_merge_companies_pk` PRIMARY KEY(`exhibitor_id`,`merge_id`)
);
--> statement-breakpoint
CREATE TABLE `contact_merges` (
	`id` char(26) NOT NULL,
	`type` enum('exhibitor','visitor') NOT NULL,
	`survivor_id` char(26) NOT NULL,
	`merged_id` char(26) NOT NULL,
	`survivor_name` varchar(255) NOT NULL,
	`merged_name` varchar(255) NOT NULL,
	`moved` json,
	`merged_by` varchar(255) NOT NULL,
	`created_at` timestamp NOT NULL DEFAULT (now()),
	CONSTRAINT `contact_merges_id` PRIMARY KEY(`id`)
);
--> statement-breakpoint
ALTER TABLE `contacts` ADD `contact_person` varchar(255);--> statement-breakpoint
ALTER TABLE `contacts` ADD `address` varchar(1000);--> statement-breakpoint
ALTER TABLE `contacts` ADD `gstin` varchar(15);--> statement-breakpoint
ALTER TABLE `contacts` ADD `notes` text;--> statement-breakpoint
ALTER TABLE `contacts` ADD `merged_into_id` char(26);--> statement-breakpoint
CREATE INDEX `contact_import_rows_contact_id_index` ON `contact_import_rows` (`contact_id`);--> statement-breakpoint
CREATE INDEX `contact_imports_type_created_at_index` ON `contact_imports` (`type`,`created_at`);--> statement-breakpoint
CREATE INDEX `contact_merge_companies_exhibitor_created_index` ON `contact_merge_companies` (`exhibitor_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `contact_merges_survivor_id_index` ON `contact_merges` (`survivor_id`);--> statement-breakpoint
CREATE INDEX `contact_merges_merged_id_index` ON `contact_merges` (`merged_id`);--> statement-breakpoint
CREATE INDEX `contacts_type_deleted_at_phone_index` ON `contacts` (`type`,`deleted_at`,`phone`);--> statement-breakpoint
CREATE INDEX `contacts_type_deleted_at_email_index` ON `contacts` (`type`,`deleted_at`,`email`);--> statement-breakpoint
CREATE INDEX `contacts_merged_into_id_index` ON `contacts` (`merged_into_id`);