// The namespaces nearly every page and endpoint uses.
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.EntityFrameworkCore;
global using Shuzhi.Domain;
global using Shuzhi.Domain.Organizations;
global using Shuzhi.Web.Data;
global using Shuzhi.Web.Infrastructure;
global using Shuzhi.Web.Resources;
global using Shuzhi.Domain.Campaigns;
