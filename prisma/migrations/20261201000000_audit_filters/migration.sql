-- `audit <account>` and `audit @someone` read the newest events about one target or by one person.
CREATE INDEX "audit_events_target_id_idx" ON "audit_events"("target", "id");
CREATE INDEX "audit_events_actor_user_id_idx" ON "audit_events"("actor_user", "id");
