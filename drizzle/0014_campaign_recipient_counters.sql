ALTER TABLE `campaigns` ADD `total_recipients` int DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `campaigns` ADD `total_failed` int DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The new counters of the campaigns already there, from their recipients (a cache fill, not an edit: updated_at kept).
UPDATE `campaigns` `c` JOIN (SELECT `campaign_id`, count(*) AS `n`, sum(`status` = 'failed') AS `f` FROM `campaign_recipients` GROUP BY `campaign_id`) `r` ON `r`.`campaign_id` = `c`.`id` SET `c`.`total_recipients` = `r`.`n`, `c`.`total_failed` = `r`.`f`, `c`.`updated_at` = `c`.`updated_at`;
