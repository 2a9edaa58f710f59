namespace DerivBot.Testing;

/// <summary>Reads files under the test project's <c>Fixtures/</c> folder (copied to the output directory).</summary>
public static class Fixture
{
    public static string PathOf(string relative) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static byte[] ReadBytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static IReadOnlyList<string> Lines(string relative) => File.ReadAllLines(PathOf(relative));
}
