namespace Shuzhi.Domain.Scoring;

/// <summary>The four grades of seed 001 第六条, best first (a larger value is a worse grade).</summary>
public enum Grade
{
    Good = 1,        // 好
    FairlyGood = 2,  // 较好
    Average = 3,     // 一般
    Poor = 4,        // 差
}

public static class Grades
{
    public static readonly IReadOnlyDictionary<Grade, string> Names = new Dictionary<Grade, string>
    {
        [Grade.Good] = "好",
        [Grade.FairlyGood] = "较好",
        [Grade.Average] = "一般",
        [Grade.Poor] = "差",
    };

    public static string Name(this Grade g) => Names[g];

    /// <summary>The worse of two grades.</summary>
    public static Grade Worse(Grade a, Grade b) => (Grade)Math.Max((int)a, (int)b);

    public static bool IsBelowGood(this Grade g) => g != Grade.Good;

    public static bool IsAverageOrPoor(this Grade g) => g is Grade.Average or Grade.Poor;
}
