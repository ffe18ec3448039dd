-- himflow schema as created by `himflow migrate` at commit d5ea175 (2026-12-01), the last release before Alembic (the baseline revision must equal it).
-- Made from a real database: sqlite3 himflow.db .schema. Used by tests/integration/test_migrations.py
CREATE TABLE documents (
	id VARCHAR(64) NOT NULL, 
	kind VARCHAR(16), 
	status VARCHAR(16) NOT NULL, 
	media_type VARCHAR(64), 
	bucket VARCHAR(255), 
	object_key TEXT, 
	version_id VARCHAR(255), 
	etag VARCHAR(255), 
	size BIGINT, 
	sha256 VARCHAR(64), 
	sha1 VARCHAR(40), 
	parent_id VARCHAR(64), 
	pages TEXT, 
	hint_mrn VARCHAR(64), 
	hint_encounter VARCHAR(64), 
	hint_author VARCHAR(128), 
	hint_type VARCHAR(32), 
	text_ref TEXT, 
	text_chars INTEGER, 
	confidence FLOAT, 
	flags TEXT, 
	renditions TEXT, 
	type_code VARCHAR(32), 
	type_display VARCHAR(128), 
	type_confidence FLOAT, 
	patient_id VARCHAR(64), 
	match_score FLOAT, 
	reasons TEXT, 
	service_date VARCHAR(10), 
	details TEXT, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_documents_sha256 ON documents (sha256);
CREATE INDEX ix_documents_patient_id ON documents (patient_id);
CREATE INDEX ix_documents_updated_at ON documents (updated_at);
CREATE INDEX ix_documents_parent_id ON documents (parent_id);
CREATE INDEX ix_documents_status ON documents (status);
CREATE INDEX ix_documents_type_code ON documents (type_code);
CREATE TABLE document_history (
	id INTEGER NOT NULL, 
	doc_id VARCHAR(64) NOT NULL, 
	at DATETIME NOT NULL, 
	stage VARCHAR(32) NOT NULL, 
	status VARCHAR(32) NOT NULL, 
	detail TEXT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_document_history_doc_id ON document_history (doc_id);
CREATE TABLE dead_letters (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	stage VARCHAR(32) NOT NULL, 
	reason VARCHAR(64) NOT NULL, 
	retryable BOOLEAN NOT NULL, 
	attempts INTEGER NOT NULL, 
	error_type VARCHAR(128), 
	detail TEXT, 
	doc_id VARCHAR(64), 
	topic VARCHAR(255) NOT NULL, 
	partition INTEGER, 
	"offset" BIGINT, 
	msg_key TEXT, 
	original TEXT NOT NULL, 
	replayed_at DATETIME, 
	replay_count INTEGER NOT NULL, 
	replay_outcome VARCHAR(32), 
	dedupe_key VARCHAR(255) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (dedupe_key)
);
CREATE INDEX ix_dead_letters_doc_id ON dead_letters (doc_id);
CREATE INDEX ix_dead_letters_reason ON dead_letters (reason);
CREATE TABLE upload_hints (
	upload_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(16), 
	mrn VARCHAR(64), 
	encounter VARCHAR(64), 
	author VARCHAR(128), 
	document_type VARCHAR(32), 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (upload_id)
);
CREATE TABLE stage_counters (
	stage VARCHAR(32) NOT NULL, 
	outcome VARCHAR(32) NOT NULL, 
	reason VARCHAR(64) NOT NULL, 
	count BIGINT NOT NULL, 
	PRIMARY KEY (stage, outcome, reason)
);
CREATE TABLE outbox (
	id INTEGER NOT NULL, 
	topic VARCHAR(255) NOT NULL, 
	msg_key VARCHAR(255), 
	value TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	published_at DATETIME, 
	claimed_by VARCHAR(64), 
	claimed_until DATETIME, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_outbox_published_at ON outbox (published_at);
CREATE TABLE document_text (
	doc_id VARCHAR(64) NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (doc_id)
);
CREATE VIRTUAL TABLE document_fts USING fts5(doc_id UNINDEXED, text, tokenize='porter unicode61')
/* document_fts(doc_id,text) */;
CREATE TABLE IF NOT EXISTS 'document_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE IF NOT EXISTS 'document_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'document_fts_content'(id INTEGER PRIMARY KEY, c0, c1);
CREATE TABLE IF NOT EXISTS 'document_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'document_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE TABLE himflow_patients (
	patient_id VARCHAR(64) NOT NULL, 
	mrn VARCHAR(64) NOT NULL, 
	mrn_key VARCHAR(64) NOT NULL, 
	family VARCHAR(200) NOT NULL, 
	given VARCHAR(200) NOT NULL, 
	family_key VARCHAR(200) NOT NULL, 
	given_key VARCHAR(200) NOT NULL, 
	birth_date DATE, 
	birth_year INTEGER, 
	birth_md VARCHAR(4), 
	sex VARCHAR(16), 
	source VARCHAR(32) NOT NULL, 
	updated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (patient_id), 
	UNIQUE (mrn_key)
);
CREATE INDEX ix_himflow_patients_birth_md ON himflow_patients (birth_md);
CREATE INDEX ix_himflow_patients_family_key ON himflow_patients (family_key);
CREATE INDEX ix_himflow_patients_birth_date ON himflow_patients (birth_date);
CREATE INDEX ix_himflow_patients_given_year ON himflow_patients (given_key, birth_year);
CREATE TABLE himflow_patient_former_ids (
	former_id VARCHAR(64) NOT NULL, 
	patient_id VARCHAR(64) NOT NULL, 
	reason VARCHAR(32) NOT NULL, 
	changed_at DATETIME NOT NULL, 
	PRIMARY KEY (former_id)
);
CREATE INDEX ix_himflow_patient_former_ids_patient_id ON himflow_patient_former_ids (patient_id);
CREATE TABLE himflow_encounters (
	encounter_id VARCHAR(64) NOT NULL, 
	identifier VARCHAR(64), 
	patient_id VARCHAR(64) NOT NULL, 
	enc_class VARCHAR(8) NOT NULL, 
	admitted_at DATETIME, 
	discharged_at DATETIME, 
	attending VARCHAR(128), 
	service VARCHAR(64), 
	source VARCHAR(32) NOT NULL, 
	updated_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	PRIMARY KEY (encounter_id)
);
CREATE INDEX ix_himflow_encounters_identifier ON himflow_encounters (identifier);
CREATE INDEX ix_himflow_encounters_patient_id ON himflow_encounters (patient_id);
CREATE TABLE record_publications (
	doc_id VARCHAR(64) NOT NULL, 
	version INTEGER NOT NULL, 
	resource_id VARCHAR(64) NOT NULL, 
	fingerprint VARCHAR(64) NOT NULL, 
	patient_id VARCHAR(64), 
	type_code VARCHAR(32), 
	status VARCHAR(24) NOT NULL, 
	doc_status VARCHAR(24) NOT NULL, 
	resource TEXT NOT NULL, 
	published_at DATETIME NOT NULL, 
	PRIMARY KEY (doc_id, version)
);
CREATE TABLE record_texts (
	doc_id VARCHAR(64) NOT NULL, 
	sha1 VARCHAR(40) NOT NULL, 
	text TEXT NOT NULL, 
	published_at DATETIME NOT NULL, 
	PRIMARY KEY (doc_id, sha1)
);
CREATE TABLE web_users (
	id INTEGER NOT NULL, 
	username VARCHAR(64) NOT NULL, 
	role VARCHAR(32) NOT NULL, 
	password_hash TEXT NOT NULL, 
	active BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_sign_in_at DATETIME, 
	must_change_password BOOLEAN DEFAULT 0 NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username)
);
CREATE TABLE web_sessions (
	token_hash VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	last_seen DATETIME NOT NULL, 
	ip VARCHAR(64), 
	PRIMARY KEY (token_hash)
);
CREATE INDEX ix_web_sessions_user_id ON web_sessions (user_id);
CREATE TABLE web_login_failures (
	id INTEGER NOT NULL, 
	"key" VARCHAR(200) NOT NULL, 
	at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_web_login_failures_key ON web_login_failures ("key");
CREATE INDEX ix_web_login_failures_at ON web_login_failures (at);
CREATE TABLE web_audit_log (
	id INTEGER NOT NULL, 
	at DATETIME NOT NULL, 
	user_id INTEGER, 
	username VARCHAR(64), 
	role VARCHAR(32), 
	action VARCHAR(48) NOT NULL, 
	doc_id VARCHAR(64), 
	patient_id VARCHAR(64), 
	purpose VARCHAR(48), 
	ip VARCHAR(64), 
	user_agent VARCHAR(255), 
	detail TEXT, 
	PRIMARY KEY (id)
);
CREATE INDEX ix_web_audit_log_patient_id ON web_audit_log (patient_id);
CREATE INDEX ix_web_audit_log_action ON web_audit_log (action);
CREATE INDEX ix_web_audit_log_doc_id ON web_audit_log (doc_id);
CREATE INDEX ix_web_audit_log_at ON web_audit_log (at);
CREATE TABLE web_review_claims (
	doc_id VARCHAR(64) NOT NULL, 
	user_id INTEGER NOT NULL, 
	claimed_at DATETIME NOT NULL, 
	expires_at DATETIME NOT NULL, 
	PRIMARY KEY (doc_id)
);
CREATE INDEX ix_web_review_claims_user_id ON web_review_claims (user_id);
CREATE TABLE web_dictation_versions (
	id INTEGER NOT NULL, 
	doc_id VARCHAR(64) NOT NULL, 
	version INTEGER NOT NULL, 
	status VARCHAR(16) NOT NULL, 
	text TEXT NOT NULL, 
	user_id INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_dictation_version UNIQUE (doc_id, version)
);
CREATE INDEX ix_web_dictation_versions_doc_id ON web_dictation_versions (doc_id);
CREATE TABLE web_oidc_states (
	state_hash VARCHAR(64) NOT NULL, 
	nonce VARCHAR(64) NOT NULL, 
	verifier VARCHAR(128) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (state_hash)
);
CREATE TABLE web_login_presessions (
	token_hash VARCHAR(64) NOT NULL, 
	csrf_token VARCHAR(64) NOT NULL, 
	ip VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (token_hash)
);
CREATE INDEX ix_web_login_presessions_created_at ON web_login_presessions (created_at);
CREATE TABLE web_integration_tokens (
	id INTEGER NOT NULL, 
	name VARCHAR(64) NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	last_used_at DATETIME, 
	PRIMARY KEY (id), 
	UNIQUE (name), 
	UNIQUE (token_hash)
);
CREATE TRIGGER web_audit_no_update BEFORE UPDATE ON web_audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER web_audit_no_delete BEFORE DELETE ON web_audit_log BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE INDEX ix_web_documents_status_created ON documents (status, created_at);
