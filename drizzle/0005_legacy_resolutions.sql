CREATE TABLE `legacy_resolutions` (
	`entity` enum('contact','follow_up','booking','recipient') NOT NULL,
	`row_id` varchar(26) NOT NULL,
	`field` enum('phone','visitor_id','exhibitor_id','location_id','table_id','amounts','employee_id','conversation') NOT NULL,
	`outcome` enum('resolved','ambiguous','unresolved','by_hand') NOT NULL,
	`reason` varchar(255),
	`original` varchar(255),
	`value` varchar(255),
	`resolved_by` varchar(255),
	`updated_at` timestamp DEFAULT (now()) ON UPDATE CURRENT_TIMESTAMP,
	CONSTRAINT `legacy_resolutions_pk` PRIMARY KEY(`entity`,`row_id`,`field`)
);
--> statement-breakpoint
CREATE INDEX `legacy_resolutions_field_outcome_index` ON `legacy_resolutions` (`field`,`outcome`);