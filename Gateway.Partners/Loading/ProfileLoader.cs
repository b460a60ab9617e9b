using System.Text;
using Gateway.Partners.Profiles;
using Gateway.Yaml;

namespace Gateway.Partners.Loading;

/// <summary>Reads partner profile files and checks them, each on its own and then against each other.</summary>
public static class ProfileLoader
{
    /// <summary>A profile is a page of settings; anything larger is not one.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>The file names that are profiles: <c>*.yaml</c> and <c>*.yml</c>, except those starting with '.' or '_'.</summary>
    public static IEnumerable<string> ProfileFiles(string directory) =>
        System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory)
                .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" && Path.GetFileName(f)[0] is not ('.' or '_'))
                .Order(StringComparer.Ordinal)
            : [];

    /// <summary>Loads every profile in <see cref="ProfileCheckOptions.ProfilesDirectory"/> and cross-checks them.</summary>
    public static ProfileSet LoadDirectory(ProfileCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loaded = ProfileFiles(options.ProfilesDirectory).Select(f => LoadFile(f, options)).ToList();
        ProfileSetChecker.Check(loaded);
        return new ProfileSet(loaded);
    }

    /// <summary>Loads and checks one file on its own (identities are not compared with other partners').</summary>
    public static LoadedProfile LoadFile(string file, ProfileCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ProfileErrorList(file);
        string? text = ReadText(file, errors);
        return text is null ? new LoadedProfile(file, null, errors) : Load(file, text, options, errors);
    }

    /// <summary>Loads and checks profile text as if read from <paramref name="file"/>.</summary>
    public static LoadedProfile LoadText(string file, string text, ProfileCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(options);
        return Load(file, text, options, new ProfileErrorList(file));
    }

    private static LoadedProfile Load(string file, string text, ProfileCheckOptions options, ProfileErrorList errors)
    {
        text = text.TrimStart('\uFEFF');
        var root = YamlTreeReader.Read(text, (line, column, message) => errors.Add(line, column, "", message));
        if (root is null)
        {
            if (!errors.HasErrors)
            {
                errors.Add(0, 0, "", "the file is empty; start from 'gateway partners new ID --template …'");
            }
            return new LoadedProfile(file, null, errors);
        }
        var profile = new ProfileBinder(errors).Bind<PartnerProfile>(root);
        if (profile is not null)
        {
            new ProfileChecker(profile, errors, options).Check(Path.GetFileName(file));
        }
        return new LoadedProfile(file, profile, errors);
    }

    private static string? ReadText(string file, ProfileErrorList errors)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > MaxFileBytes)
            {
                errors.Add(0, 0, "", $"the file is {stream.Length:N0} bytes; a profile is at most {MaxFileBytes:N0}. Is this the right file?");
                return null;
            }
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            errors.Add(0, 0, "", "the file is not UTF-8 text; save it as UTF-8");
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            errors.Add(0, 0, "", $"the file cannot be read ({exception.Message.TrimEnd('.')})");
            return null;
        }
    }
}
