using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Host.Configuration;
using Gateway.Partners.Loading;
using Gateway.Partners.Profiles.Transports;

namespace Gateway.Host.Cli;

/// <summary><c>gateway partners …</c>: list, validate, show and create partner profiles.</summary>
internal static class PartnerCommands
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var settings = GatewaySettings.Load(Directory.GetCurrentDirectory());
        string command = args.Length > 0 ? args[0] : "";
        var rest = args.Length > 0 ? args[1..] : [];
        bool json = rest.Contains("--json");
        var positional = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        return command switch
        {
            "list" when positional.Count <= 1 && OnlyOptions(rest, "--json") => List(Options(settings, positional.ElementAtOrDefault(0)), json, output),
            "validate" when positional.Count <= 1 && OnlyOptions(rest) => Validate(Options(settings, positional.ElementAtOrDefault(0)), output),
            "show" when positional.Count is 1 or 2 && OnlyOptions(rest, "--json") => Show(Options(settings, positional.ElementAtOrDefault(1)), positional[0], json, output, error),
            "new" => New(rest, settings, output, error),
            "schema" when rest.Length == 0 => Schema(output),
            _ => UsageError(error, command),
        };
    }

    private static int List(ProfileCheckOptions options, bool json, TextWriter output)
    {
        var set = ProfileLoader.LoadDirectory(options);
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(set.Files.Select(Summary), Json));
            return GatewayCommandLine.Ok;
        }
        if (set.Files.Count == 0)
        {
            output.WriteLine($"No profiles in {options.ProfilesDirectory}. Start one with: gateway partners new ID --template {string.Join('|', ProfileTemplates.Names)}");
            return GatewayCommandLine.Ok;
        }
        var rows = set.Files.Select(f => Summary(f)).ToList();
        int idWidth = Math.Max(2, rows.Max(r => r.Id.Length));
        int nameWidth = Math.Min(30, Math.Max(4, rows.Max(r => r.Name.Length)));
        output.WriteLine($"{"ID".PadRight(idWidth)}  {"NAME".PadRight(nameWidth)}  {"STATUS",-12}  {"TRANSPORTS",-22}  AGREEMENTS");
        foreach (var row in rows)
        {
            string name = row.Name.Length > nameWidth ? row.Name[..(nameWidth - 1)] + "…" : row.Name;
            output.WriteLine($"{row.Id.PadRight(idWidth)}  {name.PadRight(nameWidth)}  {row.Status,-12}  {string.Join(",", row.Transports),-22}  {string.Join("; ", row.Agreements)}");
        }
        return GatewayCommandLine.Ok;
    }

    private static int Validate(ProfileCheckOptions options, TextWriter output)
    {
        var set = ProfileLoader.LoadDirectory(options);
        foreach (var file in set.Files)
        {
            if (file.Problems.Count == 0)
            {
                output.WriteLine($"{file.File}: ok");
            }
            foreach (var problem in file.Problems)
            {
                output.WriteLine(problem);
            }
        }
        int broken = set.Files.Count(f => !f.IsUsable);
        int warnings = set.Files.Sum(f => f.Problems.Count(p => p.Severity == ProfileSeverity.Warning));
        output.WriteLine($"{set.Files.Count} profile(s) in {options.ProfilesDirectory}: {set.Files.Count - broken} ready, {broken} with errors, {warnings} warning(s)");
        return broken == 0 ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
    }

    private static int Show(ProfileCheckOptions options, string id, bool json, TextWriter output, TextWriter error)
    {
        var set = ProfileLoader.LoadDirectory(options);
        var file = set.Files.FirstOrDefault(f => f.Profile?.Id == id || Path.GetFileNameWithoutExtension(f.File) == id);
        if (file is null)
        {
            error.WriteLine($"No partner '{id}' in {options.ProfilesDirectory}; 'gateway partners list' shows those there.");
            return GatewayCommandLine.Invalid;
        }
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new { file = file.File, usable = file.IsUsable, problems = file.Problems.Select(p => p.ToString()), profile = file.Profile }, Json));
        }
        else
        {
            PartnerDescription.Write(file, output);
        }
        return file.IsUsable ? GatewayCommandLine.Ok : GatewayCommandLine.Invalid;
    }

    private static int New(string[] args, GatewaySettings settings, TextWriter output, TextWriter error)
    {
        string? id = null, template = null, name = null, directory = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--template" when i + 1 < args.Length:
                    template = args[++i];
                    break;
                case "--name" when i + 1 < args.Length:
                    name = args[++i];
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && id is null:
                    id = a;
                    break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && directory is null:
                    directory = a;
                    break;
                default:
                    return UsageError(error, "new");
            }
        }
        if (id is null || template is null)
        {
            return UsageError(error, "new");
        }
        if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^[a-z0-9][a-z0-9-]{0,62}$"))
        {
            error.WriteLine($"'{id}' is not a partner id: use lowercase letters, digits and '-', such as acme-retail.");
            return GatewayCommandLine.Usage;
        }
        string? text = ProfileTemplates.Render(template, id, name ?? id);
        if (text is null)
        {
            error.WriteLine($"No template '{template}'; choose one of: {string.Join(", ", ProfileTemplates.Names)}.");
            return GatewayCommandLine.Usage;
        }
        directory ??= settings.PartnerProfiles;
        string path = Path.Combine(directory, id + ".yaml");
        if (File.Exists(path))
        {
            error.WriteLine($"{path} already exists; edit it, or choose another id.");
            return GatewayCommandLine.Invalid;
        }
        Directory.CreateDirectory(directory);
        File.WriteAllText(path, text);
        output.WriteLine($"Wrote {path}. Replace the PARTNERID and partner.example values, then run: gateway partners validate {directory}");
        return GatewayCommandLine.Ok;
    }

    private static int Schema(TextWriter output)
    {
        output.Write(ProfileJsonSchema.Generate());
        return GatewayCommandLine.Ok;
    }

    private static ProfileCheckOptions Options(GatewaySettings settings, string? directory) => new()
    {
        ProfilesDirectory = directory ?? Path.GetRelativePath(Directory.GetCurrentDirectory(), settings.PartnerProfiles),
        MapsDirectory = settings.Maps,
        Endpoints = settings.Endpoints.Keys.ToHashSet(StringComparer.Ordinal),
    };

    private static bool OnlyOptions(string[] args, params string[] allowed) =>
        args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).All(allowed.Contains);

    private static PartnerSummary Summary(LoadedProfile file)
    {
        var profile = file.Profile;
        int errors = file.Problems.Count(p => p.Severity == ProfileSeverity.Error);
        int warnings = file.Problems.Count - errors;
        string status = errors > 0 ? $"{errors} error(s)" : warnings > 0 ? $"ok, {warnings} warn" : "ok";
        return new PartnerSummary(
            profile?.Id ?? Path.GetFileNameWithoutExtension(file.File),
            profile?.Name ?? "",
            file.File,
            status,
            errors,
            warnings,
            Enum.GetValues<TransportKind>().Where(k => profile?.Transports.Has(k) == true).Select(k => Gateway.Partners.Profiles.ProfileNames.Of(k)).ToArray(),
            profile?.Agreements.Select(a => a.ToString()).ToArray() ?? []);
    }

    private static int UsageError(TextWriter error, string command)
    {
        error.WriteLine($"""
            Usage{(command.Length > 0 ? $" (partners {command})" : "")}:
              gateway partners list [DIR] [--json]          every profile with its status, transports and agreements
              gateway partners validate [DIR]               every error and warning; exit 0 all good, 1 any error
              gateway partners show ID [DIR] [--json]       one partner in full
              gateway partners new ID --template {string.Join('|', ProfileTemplates.Names)} [--name NAME] [DIR]
                                                            write a commented profile to start from
              gateway partners schema                       the JSON Schema of profile files
            DIR defaults to Gateway:PartnerProfiles from appsettings.json (partner-profiles).
            """);
        return GatewayCommandLine.Usage;
    }

    private sealed record PartnerSummary(string Id, string Name, string File, string Status, int Errors, int Warnings, string[] Transports, string[] Agreements);
}
