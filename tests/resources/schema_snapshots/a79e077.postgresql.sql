-- himflow schema as created by `himflow migrate` at commit a79e077 (2026-11-23), the last release before the outbox lease columns (810ef7c) and dead_letters.replay_outcome.
-- Made from a real database: pg_dump --schema-only --no-owner --no-privileges, schema name removed. Used by tests/integration/test_migrations.py
CREATE FUNCTION web_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    AS $$ BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$;

CREATE TABLE dead_letters (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    stage character varying(32) NOT NULL,
    reason character varying(64) NOT NULL,
    retryable boolean NOT NULL,
    attempts integer NOT NULL,
    error_type character varying(128),
    detail text,
    doc_id character varying(64),
    topic character varying(255) NOT NULL,
    partition integer,
    "offset" bigint,
    msg_key text,
    original text NOT NULL,
    replayed_at timestamp with time zone,
    replay_count integer NOT NULL,
    dedupe_key character varying(255) NOT NULL
);

CREATE SEQUENCE dead_letters_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE dead_letters_id_seq OWNED BY dead_letters.id;

CREATE TABLE document_history (
    id integer NOT NULL,
    doc_id character varying(64) NOT NULL,
    at timestamp with time zone NOT NULL,
    stage character varying(32) NOT NULL,
    status character varying(32) NOT NULL,
    detail text
);

CREATE SEQUENCE document_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE document_history_id_seq OWNED BY document_history.id;

CREATE TABLE document_text (
    doc_id character varying(64) NOT NULL,
    text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, text)) STORED
);

CREATE TABLE documents (
    id character varying(64) NOT NULL,
    kind character varying(16),
    status character varying(16) NOT NULL,
    media_type character varying(64),
    bucket character varying(255),
    object_key text,
    version_id character varying(255),
    etag character varying(255),
    size bigint,
    sha256 character varying(64),
    sha1 character varying(40),
    parent_id character varying(64),
    pages text,
    hint_mrn character varying(64),
    hint_encounter character varying(64),
    hint_author character varying(128),
    hint_type character varying(32),
    text_ref text,
    text_chars integer,
    confidence double precision,
    flags text,
    renditions text,
    type_code character varying(32),
    type_display character varying(128),
    type_confidence double precision,
    patient_id character varying(64),
    match_score double precision,
    reasons text,
    service_date character varying(10),
    details text,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE TABLE himflow_patients (
    patient_id character varying(64) NOT NULL,
    mrn character varying(64) NOT NULL,
    mrn_key character varying(64) NOT NULL,
    family character varying(200) NOT NULL,
    given character varying(200) NOT NULL,
    family_key character varying(200) NOT NULL,
    given_key character varying(200) NOT NULL,
    birth_date date,
    birth_year integer,
    birth_md character varying(4),
    sex character varying(16),
    source character varying(32) NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE outbox (
    id integer NOT NULL,
    topic character varying(255) NOT NULL,
    msg_key character varying(255),
    value text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    published_at timestamp with time zone
);

CREATE SEQUENCE outbox_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE outbox_id_seq OWNED BY outbox.id;

CREATE TABLE record_publications (
    doc_id character varying(64) NOT NULL,
    version integer NOT NULL,
    resource_id character varying(64) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    patient_id character varying(64),
    type_code character varying(32),
    status character varying(24) NOT NULL,
    doc_status character varying(24) NOT NULL,
    resource text NOT NULL,
    published_at timestamp with time zone NOT NULL
);

CREATE TABLE stage_counters (
    stage character varying(32) NOT NULL,
    outcome character varying(32) NOT NULL,
    reason character varying(64) NOT NULL,
    count bigint NOT NULL
);

CREATE TABLE upload_hints (
    upload_id character varying(64) NOT NULL,
    kind character varying(16),
    mrn character varying(64),
    encounter character varying(64),
    author character varying(128),
    document_type character varying(32),
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE web_audit_log (
    id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    user_id integer,
    username character varying(64),
    role character varying(32),
    action character varying(48) NOT NULL,
    doc_id character varying(64),
    patient_id character varying(64),
    purpose character varying(48),
    ip character varying(64),
    user_agent character varying(255),
    detail text
);

CREATE SEQUENCE web_audit_log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE web_audit_log_id_seq OWNED BY web_audit_log.id;

CREATE TABLE web_dictation_versions (
    id integer NOT NULL,
    doc_id character varying(64) NOT NULL,
    version integer NOT NULL,
    status character varying(16) NOT NULL,
    text text NOT NULL,
    user_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE web_dictation_versions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE web_dictation_versions_id_seq OWNED BY web_dictation_versions.id;

CREATE TABLE web_login_failures (
    id integer NOT NULL,
    key character varying(200) NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE SEQUENCE web_login_failures_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE web_login_failures_id_seq OWNED BY web_login_failures.id;

CREATE TABLE web_oidc_states (
    state_hash character varying(64) NOT NULL,
    nonce character varying(64) NOT NULL,
    verifier character varying(128) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE web_review_claims (
    doc_id character varying(64) NOT NULL,
    user_id integer NOT NULL,
    claimed_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE TABLE web_sessions (
    token_hash character varying(64) NOT NULL,
    user_id integer NOT NULL,
    csrf_token character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_seen timestamp with time zone NOT NULL,
    ip character varying(64)
);

CREATE TABLE web_users (
    id integer NOT NULL,
    username character varying(64) NOT NULL,
    role character varying(32) NOT NULL,
    password_hash text NOT NULL,
    active boolean NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE web_users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE web_users_id_seq OWNED BY web_users.id;

ALTER TABLE ONLY dead_letters ALTER COLUMN id SET DEFAULT nextval('dead_letters_id_seq'::regclass);

ALTER TABLE ONLY document_history ALTER COLUMN id SET DEFAULT nextval('document_history_id_seq'::regclass);

ALTER TABLE ONLY outbox ALTER COLUMN id SET DEFAULT nextval('outbox_id_seq'::regclass);

ALTER TABLE ONLY web_audit_log ALTER COLUMN id SET DEFAULT nextval('web_audit_log_id_seq'::regclass);

ALTER TABLE ONLY web_dictation_versions ALTER COLUMN id SET DEFAULT nextval('web_dictation_versions_id_seq'::regclass);

ALTER TABLE ONLY web_login_failures ALTER COLUMN id SET DEFAULT nextval('web_login_failures_id_seq'::regclass);

ALTER TABLE ONLY web_users ALTER COLUMN id SET DEFAULT nextval('web_users_id_seq'::regclass);

ALTER TABLE ONLY dead_letters
    ADD CONSTRAINT dead_letters_dedupe_key_key UNIQUE (dedupe_key);

ALTER TABLE ONLY dead_letters
    ADD CONSTRAINT dead_letters_pkey PRIMARY KEY (id);

ALTER TABLE ONLY document_history
    ADD CONSTRAINT document_history_pkey PRIMARY KEY (id);

ALTER TABLE ONLY document_text
    ADD CONSTRAINT document_text_pkey PRIMARY KEY (doc_id);

ALTER TABLE ONLY documents
    ADD CONSTRAINT documents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY himflow_patients
    ADD CONSTRAINT himflow_patients_mrn_key_key UNIQUE (mrn_key);

ALTER TABLE ONLY himflow_patients
    ADD CONSTRAINT himflow_patients_pkey PRIMARY KEY (patient_id);

ALTER TABLE ONLY outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY record_publications
    ADD CONSTRAINT record_publications_pkey PRIMARY KEY (doc_id, version);

ALTER TABLE ONLY stage_counters
    ADD CONSTRAINT stage_counters_pkey PRIMARY KEY (stage, outcome, reason);

ALTER TABLE ONLY upload_hints
    ADD CONSTRAINT upload_hints_pkey PRIMARY KEY (upload_id);

ALTER TABLE ONLY web_dictation_versions
    ADD CONSTRAINT uq_dictation_version UNIQUE (doc_id, version);

ALTER TABLE ONLY web_audit_log
    ADD CONSTRAINT web_audit_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY web_dictation_versions
    ADD CONSTRAINT web_dictation_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY web_login_failures
    ADD CONSTRAINT web_login_failures_pkey PRIMARY KEY (id);

ALTER TABLE ONLY web_oidc_states
    ADD CONSTRAINT web_oidc_states_pkey PRIMARY KEY (state_hash);

ALTER TABLE ONLY web_review_claims
    ADD CONSTRAINT web_review_claims_pkey PRIMARY KEY (doc_id);

ALTER TABLE ONLY web_sessions
    ADD CONSTRAINT web_sessions_pkey PRIMARY KEY (token_hash);

ALTER TABLE ONLY web_users
    ADD CONSTRAINT web_users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY web_users
    ADD CONSTRAINT web_users_username_key UNIQUE (username);

CREATE INDEX ix_dead_letters_doc_id ON dead_letters USING btree (doc_id);

CREATE INDEX ix_dead_letters_reason ON dead_letters USING btree (reason);

CREATE INDEX ix_document_history_doc_id ON document_history USING btree (doc_id);

CREATE INDEX ix_document_text_tsv ON document_text USING gin (tsv);

CREATE INDEX ix_documents_parent_id ON documents USING btree (parent_id);

CREATE INDEX ix_documents_patient_id ON documents USING btree (patient_id);

CREATE INDEX ix_documents_sha256 ON documents USING btree (sha256);

CREATE INDEX ix_documents_status ON documents USING btree (status);

CREATE INDEX ix_documents_type_code ON documents USING btree (type_code);

CREATE INDEX ix_documents_updated_at ON documents USING btree (updated_at);

CREATE INDEX ix_himflow_patients_birth_date ON himflow_patients USING btree (birth_date);

CREATE INDEX ix_himflow_patients_birth_md ON himflow_patients USING btree (birth_md);

CREATE INDEX ix_himflow_patients_family_key ON himflow_patients USING btree (family_key);

CREATE INDEX ix_himflow_patients_given_year ON himflow_patients USING btree (given_key, birth_year);

CREATE INDEX ix_outbox_published_at ON outbox USING btree (published_at);

CREATE INDEX ix_web_audit_log_action ON web_audit_log USING btree (action);

CREATE INDEX ix_web_audit_log_at ON web_audit_log USING btree (at);

CREATE INDEX ix_web_audit_log_doc_id ON web_audit_log USING btree (doc_id);

CREATE INDEX ix_web_audit_log_patient_id ON web_audit_log USING btree (patient_id);

CREATE INDEX ix_web_dictation_versions_doc_id ON web_dictation_versions USING btree (doc_id);

CREATE INDEX ix_web_documents_status_created ON documents USING btree (status, created_at);

CREATE INDEX ix_web_login_failures_at ON web_login_failures USING btree (at);

CREATE INDEX ix_web_login_failures_key ON web_login_failures USING btree (key);

CREATE INDEX ix_web_review_claims_user_id ON web_review_claims USING btree (user_id);

CREATE INDEX ix_web_sessions_user_id ON web_sessions USING btree (user_id);

CREATE TRIGGER web_audit_no_change BEFORE DELETE OR UPDATE OR TRUNCATE ON web_audit_log FOR EACH STATEMENT EXECUTE FUNCTION web_audit_append_only();
