CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"seller_id" text NOT NULL,
	"marketplace_id" text NOT NULL,
	"region" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"commerce_connection_id" text NOT NULL,
	"commerce_website_id" integer NOT NULL,
	"commerce_store_view_code" text DEFAULT 'default' NOT NULL,
	"sp_api_endpoint" text,
	"lwa_endpoint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_region_check" CHECK ("accounts"."region" in ('na', 'eu', 'fe')),
	CONSTRAINT "accounts_status_check" CHECK ("accounts"."status" in ('active', 'paused')),
	CONSTRAINT "accounts_marketplace_id_check" CHECK ("accounts"."marketplace_id" ~ '^[A-Z0-9]{10,14}$')
);
--> statement-breakpoint
CREATE TABLE "amazon_credentials" (
	"account_id" text PRIMARY KEY NOT NULL,
	"lwa_client_id" text NOT NULL,
	"lwa_client_secret" text NOT NULL,
	"refresh_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commerce_connections" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"base_url" text NOT NULL,
	"flavor" text DEFAULT 'paas' NOT NULL,
	"auth_mode" text NOT NULL,
	"store_code" text DEFAULT 'default' NOT NULL,
	"secrets" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commerce_connections_flavor_check" CHECK ("commerce_connections"."flavor" in ('paas', 'saas')),
	CONSTRAINT "commerce_connections_auth_mode_check" CHECK ("commerce_connections"."auth_mode" in ('oauth1', 'bearer', 'admin_token', 'ims')),
	CONSTRAINT "commerce_connections_base_url_check" CHECK ("commerce_connections"."base_url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "order_settings" (
	"account_id" text PRIMARY KEY NOT NULL,
	"import_orders" text DEFAULT 'enabled' NOT NULL,
	"store_view_code" text,
	"customer_creation" text DEFAULT 'guest' NOT NULL,
	"order_number_source" text DEFAULT 'commerce' NOT NULL,
	"prefix_general" text DEFAULT '' NOT NULL,
	"prefix_fba" text DEFAULT '' NOT NULL,
	"prefix_prime" text DEFAULT '' NOT NULL,
	"prefix_business" text DEFAULT '' NOT NULL,
	"pending_orders" text DEFAULT 'do_not_reserve' NOT NULL,
	"reservation_days" integer DEFAULT 1 NOT NULL,
	"order_status_mode" text DEFAULT 'default' NOT NULL,
	"processing_status" text,
	"import_fba_orders" boolean DEFAULT true NOT NULL,
	"fba_manage_stock" boolean DEFAULT false NOT NULL,
	"mfn_stock_policy" text DEFAULT 'deduct_on_shipment' NOT NULL,
	"unknown_sku_policy" text DEFAULT 'error' NOT NULL,
	"sync_frequency_minutes" integer DEFAULT 5 NOT NULL,
	"log_retention" text DEFAULT 'monthly' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_settings_import_orders_check" CHECK ("order_settings"."import_orders" in ('enabled', 'disabled')),
	CONSTRAINT "order_settings_customer_creation_check" CHECK ("order_settings"."customer_creation" in ('guest', 'match_or_create')),
	CONSTRAINT "order_settings_order_number_source_check" CHECK ("order_settings"."order_number_source" in ('commerce', 'amazon')),
	CONSTRAINT "order_settings_pending_orders_check" CHECK ("order_settings"."pending_orders" in ('do_not_reserve', 'reserve')),
	CONSTRAINT "order_settings_order_status_mode_check" CHECK ("order_settings"."order_status_mode" in ('default', 'custom')),
	CONSTRAINT "order_settings_mfn_stock_policy_check" CHECK ("order_settings"."mfn_stock_policy" in ('deduct_on_shipment', 'deduct_on_import', 'none')),
	CONSTRAINT "order_settings_unknown_sku_policy_check" CHECK ("order_settings"."unknown_sku_policy" in ('error', 'skip')),
	CONSTRAINT "order_settings_log_retention_check" CHECK ("order_settings"."log_retention" in ('daily', 'weekly', 'monthly')),
	CONSTRAINT "order_settings_custom_status_check" CHECK ("order_settings"."order_status_mode" <> 'custom' or coalesce(btrim("order_settings"."processing_status"), '') <> ''),
	CONSTRAINT "order_settings_sync_frequency_check" CHECK ("order_settings"."sync_frequency_minutes" between 1 and 1440),
	CONSTRAINT "order_settings_reservation_days_check" CHECK ("order_settings"."reservation_days" between 1 and 14)
);
--> statement-breakpoint
CREATE TABLE "amazon_order_items" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"order_item_id" text NOT NULL,
	"asin" text NOT NULL,
	"seller_sku" text,
	"title" text,
	"quantity_ordered" integer NOT NULL,
	"quantity_shipped" integer DEFAULT 0 NOT NULL,
	"currency_code" text NOT NULL,
	"unit_price" numeric(20, 4) NOT NULL,
	"line_total" numeric(20, 4) NOT NULL,
	"item_tax" numeric(20, 4) DEFAULT '0' NOT NULL,
	"shipping_price" numeric(20, 4) DEFAULT '0' NOT NULL,
	"shipping_tax" numeric(20, 4) DEFAULT '0' NOT NULL,
	"shipping_discount" numeric(20, 4) DEFAULT '0' NOT NULL,
	"shipping_discount_tax" numeric(20, 4) DEFAULT '0' NOT NULL,
	"promotion_discount" numeric(20, 4) DEFAULT '0' NOT NULL,
	"promotion_discount_tax" numeric(20, 4) DEFAULT '0' NOT NULL,
	"gift_wrap_price" numeric(20, 4) DEFAULT '0' NOT NULL,
	"gift_wrap_tax" numeric(20, 4) DEFAULT '0' NOT NULL,
	"cod_fee" numeric(20, 4) DEFAULT '0' NOT NULL,
	"cod_fee_discount" numeric(20, 4) DEFAULT '0' NOT NULL,
	"promotion_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"is_gift" boolean DEFAULT false NOT NULL,
	"condition_id" text,
	"commerce_order_item_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amazon_order_items_quantity_check" CHECK ("amazon_order_items"."quantity_ordered" >= 0),
	CONSTRAINT "amazon_order_items_shipped_check" CHECK ("amazon_order_items"."quantity_shipped" between 0 and "amazon_order_items"."quantity_ordered"),
	CONSTRAINT "amazon_order_items_currency_check" CHECK ("amazon_order_items"."currency_code" ~ '^[A-Z]{3}$'),
	CONSTRAINT "amazon_order_items_unit_price_check" CHECK ("amazon_order_items"."unit_price" >= 0 and "amazon_order_items"."line_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "amazon_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"amazon_order_id" text NOT NULL,
	"seller_order_id" text,
	"marketplace_id" text NOT NULL,
	"purchase_date" timestamp with time zone NOT NULL,
	"last_update_date" timestamp with time zone NOT NULL,
	"amazon_status" text NOT NULL,
	"fulfillment_channel" text NOT NULL,
	"sales_channel" text,
	"order_type" text,
	"ship_service_level" text,
	"shipment_service_level_category" text,
	"is_prime" boolean DEFAULT false NOT NULL,
	"is_business_order" boolean DEFAULT false NOT NULL,
	"is_replacement_order" boolean DEFAULT false NOT NULL,
	"is_premium_order" boolean DEFAULT false NOT NULL,
	"is_global_express_enabled" boolean DEFAULT false NOT NULL,
	"is_ispu" boolean DEFAULT false NOT NULL,
	"replaced_order_id" text,
	"buyer_requested_cancel" boolean DEFAULT false NOT NULL,
	"buyer_cancel_reason" text,
	"earliest_ship_date" timestamp with time zone,
	"latest_ship_date" timestamp with time zone,
	"earliest_delivery_date" timestamp with time zone,
	"latest_delivery_date" timestamp with time zone,
	"number_of_items_shipped" integer DEFAULT 0 NOT NULL,
	"number_of_items_unshipped" integer DEFAULT 0 NOT NULL,
	"currency_code" text,
	"order_total" numeric(20, 4),
	"ship_country_code" text,
	"buyer" text,
	"shipping_address" text,
	"buyer_email_hash" text,
	"buyer_name_hash" text,
	"raw_payload" text NOT NULL,
	"source_api" text DEFAULT '2026-01-01' NOT NULL,
	"import_state" text DEFAULT 'pending' NOT NULL,
	"import_error" text,
	"import_error_code" text,
	"import_attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"commerce_order_id" integer,
	"commerce_increment_id" text,
	"imported_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "amazon_orders_amazon_status_check" CHECK ("amazon_orders"."amazon_status" in ('PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed', 'Canceled', 'Unfulfillable')),
	CONSTRAINT "amazon_orders_fulfillment_channel_check" CHECK ("amazon_orders"."fulfillment_channel" in ('AFN', 'MFN')),
	CONSTRAINT "amazon_orders_import_state_check" CHECK ("amazon_orders"."import_state" in ('pending', 'imported', 'skipped', 'error')),
	CONSTRAINT "amazon_orders_source_api_check" CHECK ("amazon_orders"."source_api" in ('v0', '2026-01-01')),
	CONSTRAINT "amazon_orders_currency_check" CHECK ("amazon_orders"."currency_code" ~ '^[A-Z]{3}$'),
	CONSTRAINT "amazon_orders_total_currency_check" CHECK ("amazon_orders"."order_total" is null or "amazon_orders"."currency_code" is not null),
	CONSTRAINT "amazon_orders_imported_link_check" CHECK ("amazon_orders"."import_state" <> 'imported' or ("amazon_orders"."commerce_order_id" is not null and "amazon_orders"."commerce_increment_id" is not null)),
	CONSTRAINT "amazon_orders_error_reason_check" CHECK ("amazon_orders"."import_state" <> 'error' or coalesce("amazon_orders"."import_error", '') <> ''),
	CONSTRAINT "amazon_orders_attempts_check" CHECK ("amazon_orders"."import_attempts" >= 0),
	CONSTRAINT "amazon_orders_item_counts_check" CHECK ("amazon_orders"."number_of_items_shipped" >= 0 and "amazon_orders"."number_of_items_unshipped" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"account_id" text NOT NULL,
	"type" text NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"message" text NOT NULL,
	"data" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_events_level_check" CHECK ("order_events"."level" in ('info', 'warning', 'error'))
);
--> statement-breakpoint
CREATE TABLE "communication_errors" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" text,
	"system" text NOT NULL,
	"operation" text NOT NULL,
	"http_status" integer,
	"error_code" text,
	"message" text NOT NULL,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "communication_errors_system_check" CHECK ("communication_errors"."system" in ('amazon', 'commerce'))
);
--> statement-breakpoint
CREATE TABLE "inbound_notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"notification_id" text NOT NULL,
	"notification_type" text NOT NULL,
	"account_id" text,
	"amazon_order_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbound_actions" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"account_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"feed_id" text,
	"feed_document_id" text,
	"processing_report" jsonb,
	"next_attempt_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outbound_actions_kind_check" CHECK ("outbound_actions"."kind" in ('shipment_confirmation', 'cancellation', 'refund')),
	CONSTRAINT "outbound_actions_state_check" CHECK ("outbound_actions"."state" in ('pending', 'submitted', 'confirmed', 'failed')),
	CONSTRAINT "outbound_actions_attempts_check" CHECK ("outbound_actions"."attempts" >= 0),
	CONSTRAINT "outbound_actions_failed_reason_check" CHECK ("outbound_actions"."state" <> 'failed' or coalesce("outbound_actions"."last_error", '') <> ''),
	CONSTRAINT "outbound_actions_submitted_at_check" CHECK ("outbound_actions"."state" not in ('submitted', 'confirmed') or "outbound_actions"."submitted_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "stock_reservations" (
	"id" text PRIMARY KEY NOT NULL,
	"order_id" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"released_at" timestamp with time zone,
	"release_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_reservations_quantity_check" CHECK ("stock_reservations"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"account_id" text NOT NULL,
	"stream" text NOT NULL,
	"cursor_at" timestamp with time zone,
	"page_token" text,
	"progress" jsonb,
	"last_run_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_account_id_stream_pk" PRIMARY KEY("account_id","stream"),
	CONSTRAINT "sync_cursors_stream_check" CHECK ("sync_cursors"."stream" in ('amazon_orders', 'commerce_shipments', 'commerce_credit_memos', 'backfill'))
);
--> statement-breakpoint
CREATE TABLE "admin_users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text DEFAULT 'admin' NOT NULL,
	"last_login_at" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_users_role_check" CHECK ("admin_users"."role" in ('admin', 'viewer')),
	CONSTRAINT "admin_users_email_check" CHECK ("admin_users"."email" ~ '^[^@\s]+@[^@\s]+$')
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"scopes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_hash_check" CHECK ("api_tokens"."token_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_commerce_connection_id_commerce_connections_id_fk" FOREIGN KEY ("commerce_connection_id") REFERENCES "public"."commerce_connections"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_credentials" ADD CONSTRAINT "amazon_credentials_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_settings" ADD CONSTRAINT "order_settings_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_order_items" ADD CONSTRAINT "amazon_order_items_order_id_amazon_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."amazon_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "amazon_orders" ADD CONSTRAINT "amazon_orders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_amazon_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."amazon_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "communication_errors" ADD CONSTRAINT "communication_errors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_notifications" ADD CONSTRAINT "inbound_notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD CONSTRAINT "outbound_actions_order_id_amazon_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."amazon_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbound_actions" ADD CONSTRAINT "outbound_actions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_reservations" ADD CONSTRAINT "stock_reservations_order_id_amazon_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."amazon_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_created_by_admin_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."admin_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_seller_marketplace_key" ON "accounts" USING btree ("seller_id","marketplace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_order_items_order_item_key" ON "amazon_order_items" USING btree ("order_id","order_item_id");--> statement-breakpoint
CREATE INDEX "amazon_order_items_sku_idx" ON "amazon_order_items" USING btree ("seller_sku");--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_orders_account_order_key" ON "amazon_orders" USING btree ("account_id","amazon_order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "amazon_orders_account_commerce_order_key" ON "amazon_orders" USING btree ("account_id","commerce_order_id") WHERE "amazon_orders"."commerce_order_id" is not null;--> statement-breakpoint
CREATE INDEX "amazon_orders_account_purchase_idx" ON "amazon_orders" USING btree ("account_id","purchase_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "amazon_orders_purchase_idx" ON "amazon_orders" USING btree ("purchase_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "amazon_orders_account_updated_idx" ON "amazon_orders" USING btree ("account_id","last_update_date");--> statement-breakpoint
CREATE INDEX "amazon_orders_account_status_idx" ON "amazon_orders" USING btree ("account_id","amazon_status","purchase_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "amazon_orders_account_import_state_idx" ON "amazon_orders" USING btree ("account_id","import_state","purchase_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "amazon_orders_account_total_idx" ON "amazon_orders" USING btree ("account_id","order_total");--> statement-breakpoint
CREATE INDEX "amazon_orders_seller_order_idx" ON "amazon_orders" USING btree ("seller_order_id");--> statement-breakpoint
CREATE INDEX "amazon_orders_buyer_email_idx" ON "amazon_orders" USING btree ("buyer_email_hash");--> statement-breakpoint
CREATE INDEX "amazon_orders_buyer_name_idx" ON "amazon_orders" USING btree ("buyer_name_hash");--> statement-breakpoint
CREATE INDEX "amazon_orders_commerce_increment_idx" ON "amazon_orders" USING btree ("commerce_increment_id");--> statement-breakpoint
CREATE INDEX "amazon_orders_retry_due_idx" ON "amazon_orders" USING btree ("next_attempt_at") WHERE "amazon_orders"."import_state" in ('pending', 'error');--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_events_account_idx" ON "order_events" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "communication_errors_account_idx" ON "communication_errors" USING btree ("account_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "communication_errors_created_idx" ON "communication_errors" USING btree ("created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_notifications_notification_key" ON "inbound_notifications" USING btree ("notification_id");--> statement-breakpoint
CREATE INDEX "inbound_notifications_unprocessed_idx" ON "inbound_notifications" USING btree ("received_at") WHERE "inbound_notifications"."processed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "outbound_actions_idempotency_key" ON "outbound_actions" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "outbound_actions_order_idx" ON "outbound_actions" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "outbound_actions_due_idx" ON "outbound_actions" USING btree ("state","next_attempt_at") WHERE "outbound_actions"."state" in ('pending', 'submitted');--> statement-breakpoint
CREATE UNIQUE INDEX "stock_reservations_order_sku_key" ON "stock_reservations" USING btree ("order_id","sku");--> statement-breakpoint
CREATE INDEX "stock_reservations_expiry_idx" ON "stock_reservations" USING btree ("expires_at") WHERE "stock_reservations"."released_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "admin_users_email_key" ON "admin_users" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_created_by_idx" ON "api_tokens" USING btree ("created_by");