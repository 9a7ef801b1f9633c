using Domovoy.Watch.Compiling;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Domovoy.Core.Tests.Watch;

/// <summary>
/// The in-process compiler never accepts a C# version the SDK's own csc would refuse: the cap is read from the real
/// SDK compiler (<c>csc -langversion:?</c>) and lowers a project opened with a newer version.
/// </summary>
[TestClass]
public sealed class SdkLanguageVersionTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void The_cap_is_the_highest_numbered_version_csc_lists()
    {
        const string Listing = "Supported language versions:\ndefault\n1\n7.3\n13.0\n14.0 (default)\nlatestmajor\npreview\nlatest\n";
        Assert.AreEqual(LanguageVersion.CSharp14, SdkLanguageVersion.Parse(Listing));
        Assert.IsNull(SdkLanguageVersion.Parse("no versions here"));
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task The_real_sdk_compiler_gives_a_cap_and_a_newer_project_is_lowered_to_it()
    {
        var cap = await SdkLanguageVersion.FindAsync(TestContext.CancellationToken);
        Assert.IsNotNull(cap, "the SDK's csc.dll answers -langversion:?");
        Assert.IsTrue(cap >= LanguageVersion.CSharp14, $"SDK 10 compiles C# 14 at least, got {cap}");

        using var workspace = new AdhocWorkspace();
        var newer = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Newer", "Newer", LanguageNames.CSharp, parseOptions: new CSharpParseOptions(LanguageVersion.Preview)));
        var older = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Older", "Older", LanguageNames.CSharp, parseOptions: new CSharpParseOptions(LanguageVersion.CSharp12)));

        var capped = SdkLanguageVersion.Apply(workspace.CurrentSolution, cap!.Value);

        Assert.AreEqual(cap, ((CSharpParseOptions)capped.GetProject(newer.Id)!.ParseOptions!).LanguageVersion);
        Assert.AreEqual(LanguageVersion.CSharp12, ((CSharpParseOptions)capped.GetProject(older.Id)!.ParseOptions!).LanguageVersion, "an older version is left alone");
    }
}
