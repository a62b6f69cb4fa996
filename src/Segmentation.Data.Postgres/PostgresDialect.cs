using Segmentation.Analytics.Engines;

namespace Segmentation.Data.Postgres;

/// <summary>PostgreSQL rendering; parsing helpers are session-local functions.</summary>
public sealed class PostgresDialect : SqlDialect
{
    /// <summary>The one instance (helper functions are created in <c>pg_temp</c>, so nothing persists).</summary>
    public static PostgresDialect Instance { get; } = new();

    private PostgresDialect() { }

    public override string ArgMin(string value, string key) => $"(array_agg({value} ORDER BY {key}))[1]";
    public override string Name => "postgres";
    public override string SampleKey(string textExpression) => $"CAST(CAST(('x' || substr(md5({textExpression}), 1, 8)) AS BIT(32)) AS BIGINT)";
    public override string DoubleType => "DOUBLE PRECISION";
    public override string AsText(string e) => $"CAST({e} AS TEXT)";
    public override string TryDouble(string e) => $"pg_temp.seg_try_double({AsText(e)})";
    public override string TryInteger(string e) => $"pg_temp.seg_try_bigint({AsText(e)})";
    public override string TryTimestamp(string e, IReadOnlyList<string> formats) =>
        $"pg_temp.seg_try_timestamp({AsText(e)}, ARRAY[{string.Join(", ", formats.Select(ToPostgresFormat).Select(Str))}]::text[])";
    public override string MonthStart(string ts) => $"CAST(date_trunc('month', {ts}) AS TIMESTAMP)";
    public override string Matches(string e, string pattern) => $"({e} ~ {Str("^(" + pattern + ")$")})";
    public override string RegexExtract(string e, string pattern) => $"substring({e} from {Str(pattern)})";
    public override string ZonedTimestamp(string e, string? zone, int offsetMinutes) => zone is null
        ? $"(pg_temp.seg_try_timestamptz({AsText(e)}) AT TIME ZONE INTERVAL '{offsetMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} minutes')"
        : $"(pg_temp.seg_try_timestamptz({AsText(e)}) AT TIME ZONE {Str(zone)})";

    /// <summary>strptime (%Y%m%d) → to_timestamp (YYYYMMDD).</summary>
    internal static string ToPostgresFormat(string f) => f
        .Replace("%Y", "YYYY").Replace("%m", "MM").Replace("%d", "DD")
        .Replace("%H", "HH24").Replace("%M", "MI").Replace("%S", "SS")
        .Replace("%I", "HH12").Replace("%p", "AM").Replace("%b", "Mon").Replace("%B", "FMMonth");

    public override IReadOnlyList<string> SessionSetup =>
    [
        """
        CREATE OR REPLACE FUNCTION pg_temp.seg_try_double(t text) RETURNS double precision LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          IF t IS NULL OR btrim(t) !~ '^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$' THEN RETURN NULL; END IF;
          RETURN btrim(t)::double precision;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION pg_temp.seg_try_bigint(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          IF t IS NULL OR btrim(t) !~ '^[+-]?[0-9]+$' THEN RETURN NULL; END IF;
          RETURN btrim(t)::bigint;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION pg_temp.seg_try_timestamp(t text, formats text[]) RETURNS timestamp LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE f text; r timestamp;
        BEGIN
          IF t IS NULL THEN RETURN NULL; END IF;
          IF btrim(t) ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?)?$' THEN
            BEGIN RETURN btrim(t)::timestamp; EXCEPTION WHEN others THEN RETURN NULL; END;
          END IF;
          FOREACH f IN ARRAY formats LOOP
            BEGIN
              r := to_timestamp(btrim(t), f)::timestamp;
              -- The value must read back the same; leading zeros of numbers do not count (1/5/2026 9:07 = 01/05/2026 09:07).
              IF regexp_replace(upper(to_char(r, f)), '(^|[^0-9])0+([0-9])', '\1\2', 'g') = regexp_replace(upper(btrim(t)), '(^|[^0-9])0+([0-9])', '\1\2', 'g') THEN RETURN r; END IF;
            EXCEPTION WHEN others THEN NULL;
            END;
          END LOOP;
          RETURN NULL;
        END $$
        """,
        """
        CREATE OR REPLACE FUNCTION pg_temp.seg_try_timestamptz(t text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE AS $$
        BEGIN
          IF t IS NULL OR btrim(t) !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}[ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)$' THEN RETURN NULL; END IF;
          RETURN btrim(t)::timestamptz;
        EXCEPTION WHEN others THEN RETURN NULL;
        END $$
        """,
    ];
}
