namespace Shuzhi.Domain.Organizations;

public enum Gender
{
    Male = 1,   // 男
    Female = 2, // 女
}

/// <summary>
/// A person who holds or held a post. Only what the process needs is kept (name, gender,
/// year of birth, optional phone): no ID-card number, no full birth date.
/// </summary>
public sealed class Person
{
    private Person() { }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public Gender Gender { get; private set; }
    public int BirthYear { get; private set; }
    public string? Phone { get; private set; }
    /// <summary>The organization the person is registered with; it decides who may see the record.</summary>
    public int OrganizationId { get; private set; }
    public Organization? Organization { get; private set; }

    public static Person Create(string name, Gender gender, int birthYear, string? phone, int organizationId)
    {
        var p = new Person { OrganizationId = organizationId };
        p.Update(name, gender, birthYear, phone);
        return p;
    }

    public void Update(string name, Gender gender, int birthYear, string? phone)
    {
        name = name.Trim();
        if (name.Length == 0) throw new DomainException("Person.NameRequired");
        if (name.Length > 50) throw new DomainException("Person.NameTooLong", 50);
        if (birthYear < 1920 || birthYear > 2015) throw new DomainException("Person.BirthYearOutOfRange", 1920, 2015);
        phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (phone is not null && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or ' ')))
            throw new DomainException("Person.PhoneInvalid");
        Name = name;
        Gender = gender;
        BirthYear = birthYear;
        Phone = phone;
    }

    public void Reassign(int organizationId) => OrganizationId = organizationId;
}
