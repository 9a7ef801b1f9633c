namespace Domovoy.Host.Admin.Web;

/// <summary>The status page's files, embedded in the host assembly (Admin/Web/*.html, *.css, *.js; no build chain).</summary>
internal static class AdminAssets
{
    /// <summary>The text of an embedded file such as <c>index.html</c>.</summary>
    /// <exception cref="FileNotFoundException">No such file is embedded (a build problem).</exception>
    public static string Read(string fileName)
    {
        using var stream = typeof(AdminAssets).Assembly.GetManifestResourceStream("Domovoy.Admin." + fileName)
            ?? throw new FileNotFoundException($"The status page file '{fileName}' is not embedded in {typeof(AdminAssets).Assembly.GetName().Name}; check the EmbeddedResource item in Domovoy.Host.csproj.", fileName);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The content type of an embedded file, from its extension.</summary>
    public static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>All embedded file names (without the resource prefix).</summary>
    public static IReadOnlyList<string> Names { get; } = typeof(AdminAssets).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Domovoy.Admin.", StringComparison.Ordinal)).Select(n => n["Domovoy.Admin.".Length..]).ToArray();
}
