/// The demo impact map: "one fixed consultant per applicant" in the special-assistance
/// service (bijzondere bijstand), EUR 45,000 of inputs. The proxies are demo assumptions
/// with their source named, so a team sees how a sourced map reads and replaces them.
enum SROIDemoMap {
    static let inputs = "45000"

    static let csv = """
        stakeholder,outcome,indicator,quantity,proxy,duration,start,deadweight,displacement,attribution,drop_off,quantity_low,quantity_high,proxy_low,proxy_high,duration_low,duration_high,attribution_low,attribution_high,drop_off_low,drop_off_high,proxy_source,evidence_strength
        Gemeente,Minder terugbellen en herhaalde intake,Uren bespaard per aanvraag (tijdregistratie),400,54,3,1,10,0,20,20,300,500,35,70,2,4,10,35,10,35,"Tijdregistratie team inkomen: 50 minuten per aanvraag × € 65 per uur (demo-aanname)",medium
        Aanvragers,Minder stress: weten waar je aan toe bent,Aandeel met lagere stressscore (enquête),90,350,2,1,25,0,30,50,60,120,150,600,1,3,15,45,30,70,"Welzijnswaardering van minder zorgen, indicatief (demo-aanname, zwak bewijs)",weak
        Aanvragers,Minder reistijd en kosten,Bezoeken aan het loket minder per aanvraag,400,25,1,1,5,0,0,0,300,500,15,35,,,,,,,"2 uur × € 12,50 reistijdwaardering (KiM, indicatief; demo-aanname)",medium
        Samenleving,Minder problematische schulden,Huishoudens zonder nieuw schuldtraject,15,1500,2,2,40,0,40,30,5,25,800,2500,1,3,20,60,10,50,"Kosten van een schuldhulptraject voor de gemeente (demo-aanname)",weak

        """
}
