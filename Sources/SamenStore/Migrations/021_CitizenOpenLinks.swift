extension Migration {
    /// 021: what citizens meet (issue 12): one open link per survey wave (a reusable link for a
    /// poster or a newsletter; its token is kept in clear, since it is meant to be public and
    /// shown again), the browsers that answered through it (a hash of a cookie, one answer per
    /// browser per wave), and two organisation settings for citizen pages: the form of address
    /// (`u` or `je`) and the language the organisation writes its own texts in.
    public static let citizenOpenLinks = Migration(version: 21, name: "citizen open links and organisation settings") { _ in
        [
            """
            CREATE TABLE survey_open_links (
                wave_id TEXT PRIMARY KEY REFERENCES survey_waves(id) ON DELETE CASCADE,
                token TEXT NOT NULL UNIQUE,
                survey_id TEXT NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
                organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX survey_open_links_organisation ON survey_open_links(organisation_id)",
            """
            CREATE TABLE survey_open_link_browsers (
                wave_id TEXT NOT NULL REFERENCES survey_waves(id) ON DELETE CASCADE,
                browser_hash TEXT NOT NULL,
                submitted_at BIGINT NOT NULL,
                PRIMARY KEY (wave_id, browser_hash)
            )
            """,
            "ALTER TABLE organisations ADD COLUMN address_form TEXT NOT NULL DEFAULT 'u'",
            "ALTER TABLE organisations ADD COLUMN content_language TEXT NOT NULL DEFAULT 'nl'",
        ]
    }
}
