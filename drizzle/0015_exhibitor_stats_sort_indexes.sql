CREATE INDEX `exhibitor_stats_collected_index` ON `exhibitor_stats` (`collected`);--> statement-breakpoint
CREATE INDEX `exhibitor_stats_leads_index` ON `exhibitor_stats` (`leads`);