using System.Globalization;

namespace Domovoy.Generators;

/// <summary>The keys of the properties a DOMOVOY010 diagnostic carries for its code fix: for each suggestion i, closest
/// first, <c>Id{i}</c> is the entity id and <c>Member{i}</c> its generated member (<c>global::App.Entities.Light.Hallway</c>).</summary>
internal static class UnknownEntityProperties
{
    public static string Id(int index) => "Id" + index.ToString(CultureInfo.InvariantCulture);

    public static string Member(int index) => "Member" + index.ToString(CultureInfo.InvariantCulture);
}
