namespace Fn.AwsGuardDuty.GuardDuty.Conversion;

/// <summary>The type of a member as the converter needs it: how to walk into its value.</summary>
internal sealed record ShapeType(ShapeTypeKind Kind, string? StructureName = null, ShapeType? Element = null)
{
    public static readonly ShapeType Scalar = new(ShapeTypeKind.Scalar);
    public static readonly ShapeType Timestamp = new(ShapeTypeKind.Timestamp);

    /// <summary>Parses the generated table's type grammar: s | t | @Shape | [type | {type.</summary>
    public static ShapeType Parse(string text) => text switch
    {
        "s" => Scalar,
        "t" => Timestamp,
        _ when text.StartsWith('@') => new ShapeType(ShapeTypeKind.Structure, text[1..]),
        _ when text.StartsWith('[') => new ShapeType(ShapeTypeKind.List, Element: Parse(text[1..])),
        _ when text.StartsWith('{') => new ShapeType(ShapeTypeKind.Map, Element: Parse(text[1..])),
        _ => throw new FormatException($"Unknown shape type '{text}'."),
    };
}
